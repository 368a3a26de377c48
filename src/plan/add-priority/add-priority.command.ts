import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandExecutor, CommandResult, Handle } from '../../domain/command';
import { AddPriorityDto } from './add-priority.dto';
import { Clock } from '../../domain/clock';
import { PlanCommand, planDecider, streamOfCommand } from '../plan';

export class AddPriorityCommand {
  constructor(
    readonly planId: string,
    readonly body: AddPriorityDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AddPriorityCommand)
export class AddPriorityHandler implements ICommandHandler<AddPriorityCommand, CommandResult> {
  private readonly handle: Handle<PlanCommand>;

  constructor(
    executor: CommandExecutor,
    private readonly clock: Clock,
  ) {
    this.handle = executor.for(planDecider, streamOfCommand);
  }

  execute({ planId, body, context }: AddPriorityCommand): Promise<CommandResult> {
    const data = { planId, priorityId: body.priorityId, title: body.title, effectiveOn: body.effectiveOn };
    return this.handle({ type: 'AddPriority', data, now: this.clock.now().toISOString() }, context);
  }
}
