import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../command-pipeline/command-context';
import { CommandPipeline, CommandResult } from '../../command-pipeline/command-pipeline';
import { recommendationDecider, streamId } from '../recommendation';
import { ReopenRecommendationDto } from './reopen-recommendation.dto';

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
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ planId, recommendationId, body, context }: ReopenRecommendationCommand): Promise<CommandResult> {
    return this.pipeline.run({
      decider: recommendationDecider,
      streamId: streamId(planId, recommendationId),
      commandName: 'ReopenRecommendation',
      context,
      command: () => ({ type: 'ReopenRecommendation' as const, data: { reason: body.reason, effectiveOn: body.effectiveOn } }),
    });
  }
}
