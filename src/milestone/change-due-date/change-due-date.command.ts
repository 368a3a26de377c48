import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandExecutor, CommandResult, Handle } from '../../domain/command';
import { ChangeDueDateDto } from './change-due-date.dto';
import { Clock } from '../../domain/clock';
import { MilestoneCommand, milestoneDecider, streamOfCommand } from '../milestone';

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
  private readonly handle: Handle<MilestoneCommand>;

  constructor(
    executor: CommandExecutor,
    private readonly clock: Clock,
  ) {
    this.handle = executor.for(milestoneDecider, streamOfCommand);
  }

  execute({ planId, milestoneId, body, context }: ChangeDueDateCommand): Promise<CommandResult> {
    const data = { planId, milestoneId, dueOn: body.dueOn, reason: body.reason };
    return this.handle({ type: 'ChangeMilestoneDueDate', data, now: this.clock.now().toISOString() }, context);
  }
}
