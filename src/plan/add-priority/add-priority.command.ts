import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../command-pipeline/command-context';
import { CommandPipeline, CommandResult } from '../../command-pipeline/command-pipeline';
import { planDecider, streamId } from '../plan';
import { AddPriorityDto } from './add-priority.dto';

export class AddPriorityCommand {
  constructor(
    readonly planId: string,
    readonly body: AddPriorityDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AddPriorityCommand)
export class AddPriorityHandler implements ICommandHandler<AddPriorityCommand, CommandResult> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ planId, body, context }: AddPriorityCommand): Promise<CommandResult> {
    return this.pipeline.run({
      decider: planDecider,
      streamId: streamId(planId),
      commandName: 'AddPriority',
      context,
      command: () => ({ type: 'AddPriority' as const, data: { priorityId: body.priorityId, title: body.title } }),
    });
  }
}
