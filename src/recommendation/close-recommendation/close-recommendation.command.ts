import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandExecutor, CommandResult, Handle } from '../../domain/command';
import { CloseRecommendationDto } from './close-recommendation.dto';
import { Clock } from '../../domain/clock';
import { RecommendationCommand, recommendationDecider, streamOfCommand } from '../recommendation';

export class CloseRecommendationCommand {
  constructor(
    readonly planId: string,
    readonly recommendationId: string,
    readonly body: CloseRecommendationDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(CloseRecommendationCommand)
export class CloseRecommendationHandler implements ICommandHandler<CloseRecommendationCommand, CommandResult> {
  private readonly handle: Handle<RecommendationCommand>;

  constructor(
    executor: CommandExecutor,
    private readonly clock: Clock,
  ) {
    this.handle = executor.for(recommendationDecider, streamOfCommand);
  }

  execute({ planId, recommendationId, body, context }: CloseRecommendationCommand): Promise<CommandResult> {
    const data = { planId, recommendationId, reason: body.reason, evidence: body.evidence, effectiveOn: body.effectiveOn };
    return this.handle({ type: 'CloseRecommendation', data, now: this.clock.now().toISOString() }, context);
  }
}
