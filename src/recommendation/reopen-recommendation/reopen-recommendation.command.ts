import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandExecutor, CommandResult, Handle } from '../../domain/command';
import { ReopenRecommendationDto } from './reopen-recommendation.dto';
import { Clock } from '../../domain/clock';
import { RecommendationCommand, recommendationDecider, streamOfCommand } from '../recommendation';

export class ReopenRecommendationCommand {
  constructor(
    readonly planId: string,
    readonly recommendationId: string,
    readonly body: ReopenRecommendationDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ReopenRecommendationCommand)
export class ReopenRecommendationHandler implements ICommandHandler<ReopenRecommendationCommand, CommandResult> {
  private readonly handle: Handle<RecommendationCommand>;

  constructor(
    executor: CommandExecutor,
    private readonly clock: Clock,
  ) {
    this.handle = executor.for(recommendationDecider, streamOfCommand);
  }

  execute({ planId, recommendationId, body, context }: ReopenRecommendationCommand): Promise<CommandResult> {
    const data = { planId, recommendationId, reason: body.reason, effectiveOn: body.effectiveOn };
    return this.handle({ type: 'ReopenRecommendation', data, now: this.clock.now().toISOString() }, context);
  }
}
