import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../command-pipeline/command-context';
import { CommandPipeline, CommandResult } from '../../command-pipeline/command-pipeline';
import { PlanReader } from '../../command-pipeline/plan-reader';
import { recommendationDecider, streamId } from '../recommendation';
import { RaiseRecommendationDto } from './raise-recommendation.dto';

export class RaiseRecommendationCommand {
  constructor(
    readonly planId: string,
    readonly body: RaiseRecommendationDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RaiseRecommendationCommand)
export class RaiseRecommendationHandler implements ICommandHandler<RaiseRecommendationCommand, CommandResult> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly plans: PlanReader,
  ) {}

  execute({ planId, body, context }: RaiseRecommendationCommand): Promise<CommandResult> {
    return this.pipeline.run({
      decider: recommendationDecider,
      streamId: streamId(planId, body.recommendationId),
      commandName: 'RaiseRecommendation',
      context,
      command: async () => ({
        type: 'RaiseRecommendation' as const,
        data: {
          planId,
          recommendationId: body.recommendationId,
          text: body.text,
          raisedOn: body.raisedOn,
          source: body.source,
          plan: await this.plans.planContext(planId),
        },
      }),
    });
  }
}
