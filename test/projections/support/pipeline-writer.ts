import { randomUUID } from 'node:crypto';
import { Actor } from '../../../src/domain/actor';
import { fold } from '../../../src/domain/decider';
import { EventStore } from '../../../src/event-store/event-store.port';
import * as indicator from '../../../src/indicator/indicator';
import * as milestone from '../../../src/milestone/milestone';
import * as plan from '../../../src/plan/plan';
import * as recommendation from '../../../src/recommendation/recommendation';
import * as visit from '../../../src/visit/visit';
import { newContext } from '../../../src/write-side/command-context';
import { LocalExecutor } from '../../../src/write-side/local-executor';
import { CommandPipeline } from '../../../src/write-side/pipeline';
import { Writer } from './writer';

const BOARD: Actor = { id: 'board-1', name: 'Improvement team', role: 'board-member' };

/**
 * Records through the command executor and the deciders, reading cross-aggregate facts from the streams
 * as the command handlers do. Its clock is the store's: commands are issued at the instant it is set to.
 */
export function pipelineWriter(store: EventStore, setStoreClock: (at: string | undefined) => void, actor: Actor = BOARD): Writer {
  const executor = new LocalExecutor(new CommandPipeline(store));
  let clock: string | undefined;
  const now = () => clock ?? new Date().toISOString();
  const positionOf = async (written: Promise<{ position: number }>) => (await written).position;
  const plans = executor.for(plan.planDecider, plan.streamOfCommand);
  const milestones = executor.for(milestone.milestoneDecider, milestone.streamOfCommand);
  const recommendations = executor.for(recommendation.recommendationDecider, recommendation.streamOfCommand);
  const visits = executor.for(visit.visitDecider, visit.streamOfCommand);
  const indicators = executor.for(indicator.indicatorDecider, indicator.streamOfCommand);
  const context = () => newContext({ actor });
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
      clock = at === undefined ? undefined : new Date(at).toISOString();
    },
    createPlan: (data) => positionOf(plans({ type: 'CreatePlan', data, now: now() }, context())),
    addPriority: (planId, data) => positionOf(plans({ type: 'AddPriority', data: { ...data, planId }, now: now() }, context())),
    addMilestone: async (planId, data) =>
      positionOf(milestones({ type: 'AddMilestone', data: { ...data, planId, plan: await planContext(planId) }, now: now() }, context())),
    updateMilestone: (planId, milestoneId, data) => {
      const rating = { ...data, planId, milestoneId, rag: data.rag as milestone.Rag, forecastRag: data.forecastRag as milestone.Rag | undefined };
      return positionOf(milestones({ type: 'UpdateMilestone', data: rating, now: now() }, context()));
    },
    changeDueDate: (planId, milestoneId, data) =>
      positionOf(milestones({ type: 'ChangeMilestoneDueDate', data: { ...data, planId, milestoneId }, now: now() }, context())),
    raiseRecommendation: async (planId, data) =>
      positionOf(recommendations({ type: 'RaiseRecommendation', data: { ...data, planId, plan: await planContext(planId) }, now: now() }, context())),
    linkMilestone: async (planId, recommendationId, data) => {
      const milestoneExists = await exists(milestone.streamId(planId, data.milestoneId));
      return positionOf(recommendations({ type: 'LinkMilestone', data: { ...data, planId, recommendationId, milestoneExists }, now: now() }, context()));
    },
    closeRecommendation: (planId, recommendationId, data) =>
      positionOf(recommendations({ type: 'CloseRecommendation', data: { ...data, planId, recommendationId }, now: now() }, context())),
    reopenRecommendation: (planId, recommendationId, data) =>
      positionOf(recommendations({ type: 'ReopenRecommendation', data: { ...data, planId, recommendationId }, now: now() }, context())),
    recordVisit: async (planId, data) => {
      const recorded = { ...data, kind: data.kind as visit.VisitKind, planId, plan: await planContext(planId) };
      return positionOf(visits({ type: 'RecordVisit', data: recorded, now: now() }, context()));
    },
    recordFinding: async (planId, visitId, data) => {
      const named = data.recommendationIds ?? [];
      const known = await Promise.all(named.map((id) => exists(recommendation.streamId(planId, id))));
      const finding = {
        ...data,
        planId,
        visitId,
        findingId: data.findingId ?? randomUUID(),
        assessment: data.assessment as visit.Assessment,
        recommendationIds: named,
        knownRecommendationIds: named.filter((_, i) => known[i]),
      };
      return positionOf(visits({ type: 'RecordVisitFinding', data: finding, now: now() }, context()));
    },
    recordJudgement: (planId, visitId, data) => {
      const judgement = { ...(data as { area: visit.JudgementArea; grade: visit.Grade; framework: visit.Framework }), planId, visitId };
      return positionOf(visits({ type: 'RecordJudgement', data: judgement, now: now() }, context()));
    },
    defineIndicator: async (planId, data) =>
      positionOf(indicators({ type: 'DefineIndicator', data: { ...data, planId, plan: await planContext(planId) }, now: now() }, context())),
    recordIndicatorValue: (planId, indicatorId, data) =>
      positionOf(indicators({ type: 'RecordIndicatorValue', data: { ...data, planId, indicatorId }, now: now() }, context())),
  };
}
