import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../command-pipeline/command-context';
import { CommandPipeline, CommandResult } from '../../command-pipeline/command-pipeline';
import { milestoneDecider, streamId } from '../milestone';
import { ChangeDueDateDto } from './change-due-date.dto';

export class ChangeDueDateCommand {
  constructor(
    readonly planId: string,
    readonly milestoneId: string,
    readonly body: ChangeDueDateDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ChangeDueDateCommand)
export class ChangeDueDateHandler implements ICommandHandler<ChangeDueDateCommand, CommandResult> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ planId, milestoneId, body, context }: ChangeDueDateCommand): Promise<CommandResult> {
    return this.pipeline.run({
      decider: milestoneDecider,
      streamId: streamId(planId, milestoneId),
      commandName: 'ChangeMilestoneDueDate',
      context,
      command: () => ({ type: 'ChangeMilestoneDueDate' as const, data: { dueOn: body.dueOn, reason: body.reason } }),
    });
  }
}
