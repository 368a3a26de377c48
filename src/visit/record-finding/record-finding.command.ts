import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { CommandContext, deterministicUuid } from '../../command-pipeline/command-context';
import { CommandPipeline, CommandResult } from '../../command-pipeline/command-pipeline';
import { PlanReader } from '../../command-pipeline/plan-reader';
import { streamId as recommendationStreamId } from '../../recommendation/recommendation';
import { Assessment, streamId, visitDecider } from '../visit';
import { RecordFindingDto } from './record-finding.dto';

/** A retried request (same Idempotency-Key) must name the same finding, so its id derives from the request. */
export const newFindingId = (context: CommandContext): string =>
  context.idempotencyKey ? deterministicUuid(context.actor.id, context.idempotencyKey, 'finding') : randomUUID();

export class RecordFindingCommand {
  constructor(
    readonly planId: string,
    readonly visitId: string,
    readonly body: RecordFindingDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RecordFindingCommand)
export class RecordFindingHandler implements ICommandHandler<RecordFindingCommand, CommandResult> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly plans: PlanReader,
  ) {}

  execute({ planId, visitId, body, context }: RecordFindingCommand): Promise<CommandResult> {
    const findingId = body.findingId ?? newFindingId(context);
    const named = body.recommendationIds ?? [];
    return this.pipeline.run({
      decider: visitDecider,
      streamId: streamId(planId, visitId),
      commandName: 'RecordVisitFinding',
      context,
      command: async () => {
        const exists = await Promise.all(named.map((id) => this.plans.exists(recommendationStreamId(planId, id))));
        return {
          type: 'RecordVisitFinding' as const,
          data: {
            findingId,
            text: body.text,
            assessment: body.assessment as Assessment,
            recommendationIds: named,
            area: body.area,
            paragraph: body.paragraph,
            knownRecommendationIds: named.filter((_, i) => exists[i]),
          },
        };
      },
    });
  }
}
