import { randomUUID } from 'node:crypto';
import { Actor, newContext } from '../../../src/command-pipeline/command-context';
import { CommandPipeline } from '../../../src/command-pipeline/command-pipeline';
import { Decider, fold } from '../../../src/domain/decider';
import { EventStore } from '../../../src/event-store/event-store.port';
import * as indicator from '../../../src/indicator/indicator';
import * as milestone from '../../../src/milestone/milestone';
import * as plan from '../../../src/plan/plan';
import * as recommendation from '../../../src/recommendation/recommendation';
import * as visit from '../../../src/visit/visit';
import { Writer } from './writer';

const BOARD: Actor = { id: 'board-1', name: 'Improvement team', role: 'board-member' };

/**
 * Records through the one command pipeline and the deciders, reading cross-aggregate facts from the
 * streams as the command handlers do. `effectiveOn` is the date given to facts that carry none (links).
 */
export function pipelineWriter(store: EventStore, setStoreClock: (at: string | undefined) => void, actor: Actor = BOARD): Writer {
  const pipeline = new CommandPipeline(store);
  let today: string | undefined;
  const run = async <C, E extends { type: string; data: object }, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: () => Promise<C> | C,
  ) =>
    (
      await pipeline.run({
        decider,
        streamId,
        commandName: 'test',
        command,
        context: newContext({ actor, ...(today ? { effectiveOn: today } : {}) }),
      })
    ).position;
  const planContext = async (planId: string) => {
    const events = await store.readStream(plan.streamId(planId));
    return plan.planContextOf(
      fold(
        plan.planDecider,
        events.map((e) => ({ type: e.type, data: e.data }) as plan.PlanEvent),
      ),
    );
  };
  const exists = async (streamId: string) => (await store.readStream(streamId, { maxCount: 1 })).length > 0;
  return {
    setClock: (at) => {
      setStoreClock(at);
      today = at?.slice(0, 10);
    },
    createPlan: (data) => run(plan.planDecider, plan.streamId(data.planId), () => ({ type: 'CreatePlan' as const, data })),
    addPriority: (planId, data) => run(plan.planDecider, plan.streamId(planId), () => ({ type: 'AddPriority' as const, data })),
    addMilestone: (planId, data) =>
      run(milestone.milestoneDecider, milestone.streamId(planId, data.milestoneId), async () => ({
        type: 'AddMilestone' as const,
        data: { ...data, planId, plan: await planContext(planId) },
      })),
    updateMilestone: (planId, milestoneId, data) =>
      run(milestone.milestoneDecider, milestone.streamId(planId, milestoneId), () => ({
        type: 'UpdateMilestone' as const,
        data: { ...data, rag: data.rag as milestone.Rag, forecastRag: data.forecastRag as milestone.Rag | undefined },
      })),
    changeDueDate: (planId, milestoneId, data) =>
      run(milestone.milestoneDecider, milestone.streamId(planId, milestoneId), () => ({
        type: 'ChangeMilestoneDueDate' as const,
        data,
      })),
    raiseRecommendation: (planId, data) =>
      run(recommendation.recommendationDecider, recommendation.streamId(planId, data.recommendationId), async () => ({
        type: 'RaiseRecommendation' as const,
        data: { ...data, planId, plan: await planContext(planId) },
      })),
    linkMilestone: (planId, id, data) =>
      run(recommendation.recommendationDecider, recommendation.streamId(planId, id), async () => ({
        type: 'LinkMilestone' as const,
        data: { milestoneId: data.milestoneId, milestoneExists: await exists(milestone.streamId(planId, data.milestoneId)) },
      })),
    closeRecommendation: (planId, id, data) =>
      run(recommendation.recommendationDecider, recommendation.streamId(planId, id), () => ({
        type: 'CloseRecommendation' as const,
        data,
      })),
    reopenRecommendation: (planId, id, data) =>
      run(recommendation.recommendationDecider, recommendation.streamId(planId, id), () => ({
        type: 'ReopenRecommendation' as const,
        data,
      })),
    recordVisit: (planId, data) =>
      run(visit.visitDecider, visit.streamId(planId, data.visitId), async () => ({
        type: 'RecordVisit' as const,
        data: { ...data, kind: data.kind as visit.VisitKind, planId, plan: await planContext(planId) },
      })),
    recordFinding: (planId, visitId, data) =>
      run(visit.visitDecider, visit.streamId(planId, visitId), async () => {
        const named = data.recommendationIds ?? [];
        const known = await Promise.all(named.map((id) => exists(recommendation.streamId(planId, id))));
        return {
          type: 'RecordVisitFinding' as const,
          data: {
            ...data,
            findingId: data.findingId ?? randomUUID(),
            assessment: data.assessment as visit.Assessment,
            recommendationIds: named,
            knownRecommendationIds: named.filter((_, i) => known[i]),
          },
        };
      }),
    recordJudgement: (planId, visitId, data) =>
      run(visit.visitDecider, visit.streamId(planId, visitId), () => ({
        type: 'RecordJudgement' as const,
        data: data as { area: visit.JudgementArea; grade: visit.Grade; framework: visit.Framework },
      })),
    defineIndicator: (planId, data) =>
      run(indicator.indicatorDecider, indicator.streamId(planId, data.indicatorId), async () => ({
        type: 'DefineIndicator' as const,
        data: { ...data, planId, plan: await planContext(planId) },
      })),
    recordIndicatorValue: (planId, id, data) =>
      run(indicator.indicatorDecider, indicator.streamId(planId, id), () => ({ type: 'RecordIndicatorValue' as const, data })),
  };
}
