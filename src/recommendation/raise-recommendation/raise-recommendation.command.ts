import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandExecutor, CommandResult, Handle } from '../../domain/command';
import { RaiseRecommendationDto } from './raise-recommendation.dto';
import { Clock } from '../../domain/clock';
import { PlanReader } from '../../plan/plan-reader';
import { RecommendationCommand, recommendationDecider, streamOfCommand } from '../recommendation';

export class RaiseRecommendationCommand {
  constructor(
    readonly planId: string,
    readonly body: RaiseRecommendationDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RaiseRecommendationCommand)
export class RaiseRecommendationHandler implements ICommandHandler<RaiseRecommendationCommand, CommandResult> {
  private readonly handle: Handle<RecommendationCommand>;

  constructor(
    executor: CommandExecutor,
    private readonly clock: Clock,
    private readonly plans: PlanReader,
  ) {
    this.handle = executor.for(recommendationDecider, streamOfCommand);
  }

  async execute({ planId, body, context }: RaiseRecommendationCommand): Promise<CommandResult> {
    const { recommendationId, text, raisedOn, source } = body;
    const data = { planId, recommendationId, text, raisedOn, source, plan: await this.plans.planContext(planId) };
    return this.handle({ type: 'RaiseRecommendation', data, now: this.clock.now().toISOString() }, context);
  }
}
