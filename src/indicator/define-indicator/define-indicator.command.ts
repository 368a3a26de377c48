import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandExecutor, CommandResult, Handle } from '../../domain/command';
import { DefineIndicatorDto } from './define-indicator.dto';
import { Clock } from '../../domain/clock';
import { PlanReader } from '../../plan/plan-reader';
import { IndicatorCommand, indicatorDecider, streamOfCommand } from '../indicator';

export class DefineIndicatorCommand {
  constructor(
    readonly planId: string,
    readonly body: DefineIndicatorDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(DefineIndicatorCommand)
export class DefineIndicatorHandler implements ICommandHandler<DefineIndicatorCommand, CommandResult> {
  private readonly handle: Handle<IndicatorCommand>;

  constructor(
    executor: CommandExecutor,
    private readonly clock: Clock,
    private readonly plans: PlanReader,
  ) {
    this.handle = executor.for(indicatorDecider, streamOfCommand);
  }

  async execute({ planId, body, context }: DefineIndicatorCommand): Promise<CommandResult> {
    const { indicatorId, title, unit, effectiveOn } = body;
    const data = { planId, indicatorId, title, unit, effectiveOn, plan: await this.plans.planContext(planId) };
    return this.handle({ type: 'DefineIndicator', data, now: this.clock.now().toISOString() }, context);
  }
}
