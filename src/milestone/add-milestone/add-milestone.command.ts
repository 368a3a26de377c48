import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandExecutor, CommandResult, Handle } from '../../domain/command';
import { AddMilestoneDto } from './add-milestone.dto';
import { Clock } from '../../domain/clock';
import { PlanReader } from '../../plan/plan-reader';
import { MilestoneCommand, milestoneDecider, streamOfCommand } from '../milestone';

export class AddMilestoneCommand {
  constructor(
    readonly planId: string,
    readonly body: AddMilestoneDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AddMilestoneCommand)
export class AddMilestoneHandler implements ICommandHandler<AddMilestoneCommand, CommandResult> {
  private readonly handle: Handle<MilestoneCommand>;

  constructor(
    executor: CommandExecutor,
    private readonly clock: Clock,
    private readonly plans: PlanReader,
  ) {
    this.handle = executor.for(milestoneDecider, streamOfCommand);
  }

  async execute({ planId, body, context }: AddMilestoneCommand): Promise<CommandResult> {
    const { milestoneId, priorityId, title, owner, dueOn, effectiveOn } = body;
    const data = { planId, milestoneId, priorityId, title, owner, dueOn, effectiveOn, plan: await this.plans.planContext(planId) };
    return this.handle({ type: 'AddMilestone', data, now: this.clock.now().toISOString() }, context);
  }
}
