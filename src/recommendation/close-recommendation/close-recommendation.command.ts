import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../command-pipeline/command-context';
import { CommandPipeline, CommandResult } from '../../command-pipeline/command-pipeline';
import { recommendationDecider, streamId } from '../recommendation';
import { CloseRecommendationDto } from './close-recommendation.dto';

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
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ planId, recommendationId, body, context }: CloseRecommendationCommand): Promise<CommandResult> {
    return this.pipeline.run({
      decider: recommendationDecider,
      streamId: streamId(planId, recommendationId),
      commandName: 'CloseRecommendation',
      context,
      command: () => ({
        type: 'CloseRecommendation' as const,
        data: { reason: body.reason, evidence: body.evidence, effectiveOn: body.effectiveOn },
      }),
    });
  }
}
