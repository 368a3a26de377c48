import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { CommandContext, CommandExecutor, CommandResult, Handle } from '../../domain/command';
import { deterministicUuid } from '../../platform/ids';
import { streamId as recommendationStreamId } from '../../recommendation/recommendation';
import { RecordFindingDto } from './record-finding.dto';
import { Clock } from '../../domain/clock';
import { PlanReader } from '../../plan/plan-reader';
import { Assessment, streamOfCommand, VisitCommand, visitDecider } from '../visit';

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
  private readonly handle: Handle<VisitCommand>;

  constructor(
    executor: CommandExecutor,
    private readonly clock: Clock,
    private readonly plans: PlanReader,
  ) {
    this.handle = executor.for(visitDecider, streamOfCommand);
  }

  async execute({ planId, visitId, body, context }: RecordFindingCommand): Promise<CommandResult> {
    const named = body.recommendationIds ?? [];
    const exists = await Promise.all(named.map((id) => this.plans.exists(recommendationStreamId(planId, id))));
    const data = {
      planId,
      visitId,
      findingId: body.findingId ?? newFindingId(context),
      text: body.text,
      assessment: body.assessment as Assessment,
      recommendationIds: named,
      area: body.area,
      paragraph: body.paragraph,
      knownRecommendationIds: named.filter((_, i) => exists[i]),
    };
    return this.handle({ type: 'RecordVisitFinding', data, now: this.clock.now().toISOString() }, context);
  }
}
