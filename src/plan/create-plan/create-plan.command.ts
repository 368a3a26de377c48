import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandExecutor, CommandResult, Handle } from '../../domain/command';
import { CreatePlanDto } from './create-plan.dto';
import { Clock } from '../../domain/clock';
import { PlanCommand, planDecider, streamOfCommand } from '../plan';

export class CreatePlanCommand {
  constructor(
    readonly body: CreatePlanDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(CreatePlanCommand)
export class CreatePlanHandler implements ICommandHandler<CreatePlanCommand, CommandResult> {
  private readonly handle: Handle<PlanCommand>;

  constructor(
    executor: CommandExecutor,
    private readonly clock: Clock,
  ) {
    this.handle = executor.for(planDecider, streamOfCommand);
  }

  execute({ body, context }: CreatePlanCommand): Promise<CommandResult> {
    const data = { planId: body.planId, localAuthority: body.localAuthority, title: body.title, effectiveOn: body.effectiveOn };
    return this.handle({ type: 'CreatePlan', data, now: this.clock.now().toISOString() }, context);
  }
}
