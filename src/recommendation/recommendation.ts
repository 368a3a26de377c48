import { effectiveOnOr, requireDateByNow } from '../domain/dates';
import { Command } from '../domain/command';
import { Decider } from '../domain/decider';
import { alreadyExists, notFound, ruleBroken } from '../domain/domain-error';
import { PlanContext, requirePlan } from '../domain/plan-context';
import { streamIdOf } from '../domain/stream-id';
import { defined, optionalText, requireText, textList } from '../domain/text';

export type RecommendationEvent =
  | {
      type: 'RecommendationRaised';
      data: { recommendationId: string; text: string; raisedOn: string; source?: string };
    }
  | { type: 'MilestoneLinked'; data: { milestoneId: string; effectiveOn: string } }
  | { type: 'RecommendationClosed'; data: { reason: string; evidence: string[]; effectiveOn: string } }
  | { type: 'RecommendationReopened'; data: { reason: string; effectiveOn: string } };

/** The recommendation a command is about. */
type Target = { planId: string; recommendationId: string };

export type RecommendationCommand =
  | Command<'RaiseRecommendation', Target & { text: string; raisedOn: string; source?: string; plan: PlanContext }>
  /** effectiveOn: the day the milestone starts to work towards it; the day the command is issued if not given. */
  | Command<'LinkMilestone', Target & { milestoneId: string; milestoneExists: boolean; effectiveOn?: string }>
  | Command<'CloseRecommendation', Target & { reason: string; evidence: string[]; effectiveOn: string }>
  | Command<'ReopenRecommendation', Target & { reason: string; effectiveOn: string }>;

interface Raised {
  recommendationId: string;
  text: string;
  raisedOn: string;
  /** The visit (or report) that raised it, when known. */
  source?: string;
  linkedMilestones: string[];
}

export type RecommendationState =
  { status: 'none' } | (Raised & { status: 'open'; reopenedOn?: string }) | (Raised & { status: 'closed'; closedOn: string });
type Existing = Exclude<RecommendationState, { status: 'none' }>;

export const streamType = 'recommendation';
export const streamId = (planId: string, recommendationId: string): string => streamIdOf(streamType, planId, recommendationId);
export const streamOfCommand = ({ data }: RecommendationCommand): string => streamId(data.planId, data.recommendationId);

export const initialState: RecommendationState = { status: 'none' };

const raised = ({ recommendationId, text, raisedOn, source, linkedMilestones }: Existing): Raised => ({
  recommendationId,
  text,
  raisedOn,
  ...defined({ source }),
  linkedMilestones,
});

export const evolve = (state: RecommendationState, event: RecommendationEvent): RecommendationState => {
  switch (event.type) {
    case 'RecommendationRaised':
      return { status: 'open', ...event.data, linkedMilestones: [] };
    case 'MilestoneLinked':
      if (state.status === 'none') return state;
      return { ...state, linkedMilestones: [...state.linkedMilestones, event.data.milestoneId] };
    case 'RecommendationClosed':
      if (state.status === 'none') return state;
      return { status: 'closed', ...raised(state), closedOn: event.data.effectiveOn };
    case 'RecommendationReopened':
      if (state.status === 'none') return state;
      return { status: 'open', ...raised(state), reopenedOn: event.data.effectiveOn };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};

const requireRecommendation = (state: RecommendationState, { planId, recommendationId }: Target, doing: string): Existing => {
  if (state.status === 'none') {
    throw notFound(`Plan "${planId}" has no recommendation "${recommendationId}"; raise it before ${doing}.`, 'recommendationId');
  }
  return state;
};

/** Nothing can take effect before the recommendation was raised, nor undo a step before that step. */
const requireNotBefore = (rec: Existing, date: string, earliest: string, since: string, doing: string): void => {
  if (date >= earliest) return;
  throw ruleBroken(
    `Recommendation ${rec.recommendationId} was ${since} on ${earliest}, so it cannot be ${doing} with effect from ${date}; give a date on or after ${earliest}.`,
    'effectiveOn',
  );
};

export const decide = (command: RecommendationCommand, state: RecommendationState): RecommendationEvent[] => {
  switch (command.type) {
    case 'RaiseRecommendation': {
      const { data } = command;
      requirePlan(data.plan, data.planId);
      const recommendationId = requireText(data.recommendationId, 'recommendationId', 'The recommendation id');
      if (state.status !== 'none') {
        throw alreadyExists(
          `Recommendation ${recommendationId} already exists (raised on ${state.raisedOn}).`,
          'recommendationId',
        );
      }
      const text = requireText(data.text, 'text', "The recommendation's text");
      const raisedOn = requireDateByNow(data.raisedOn, command.now, 'raisedOn', 'The date it was raised');
      return [
        {
          type: 'RecommendationRaised',
          data: { recommendationId, text, raisedOn, ...defined({ source: optionalText(data.source) }) },
        },
      ];
    }
    case 'LinkMilestone': {
      const rec = requireRecommendation(state, command.data, 'linking milestones to it');
      const milestoneId = requireText(command.data.milestoneId, 'milestoneId', 'The milestone id');
      if (!command.data.milestoneExists) {
        throw ruleBroken(
          `The plan has no milestone ${milestoneId}; add the milestone before linking it to recommendation ${rec.recommendationId}.`,
          'milestoneId',
        );
      }
      if (rec.linkedMilestones.includes(milestoneId)) {
        throw ruleBroken(`Milestone ${milestoneId} is already linked to recommendation ${rec.recommendationId}.`, 'milestoneId');
      }
      const effectiveOn = effectiveOnOr(command.data.effectiveOn, command.now, 'The date the link takes effect');
      requireNotBefore(rec, effectiveOn, rec.raisedOn, 'raised', 'linked');
      return [{ type: 'MilestoneLinked', data: { milestoneId, effectiveOn } }];
    }
    case 'CloseRecommendation': {
      const rec = requireRecommendation(state, command.data, 'closing it');
      if (rec.status === 'closed') {
        throw ruleBroken(
          `Recommendation ${rec.recommendationId} is already closed (closed on ${rec.closedOn}); reopen it before closing it again.`,
          'recommendationId',
        );
      }
      const reason = requireText(command.data.reason, 'reason', 'The reason for closing it');
      const evidence = textList(command.data.evidence);
      if (evidence.length === 0) {
        throw ruleBroken(
          `Closing recommendation ${rec.recommendationId} needs at least one piece of evidence that it has been met.`,
          'evidence',
        );
      }
      const effectiveOn = requireDateByNow(command.data.effectiveOn, command.now, 'effectiveOn', 'The date the closure takes effect');
      requireNotBefore(rec, effectiveOn, rec.raisedOn, 'raised', 'closed');
      if (rec.reopenedOn) requireNotBefore(rec, effectiveOn, rec.reopenedOn, 'reopened', 'closed');
      return [{ type: 'RecommendationClosed', data: { reason, evidence, effectiveOn } }];
    }
    case 'ReopenRecommendation': {
      const rec = requireRecommendation(state, command.data, 'reopening it');
      if (rec.status === 'open') {
        throw ruleBroken(`Recommendation ${rec.recommendationId} is open; only a closed recommendation can be reopened.`, 'recommendationId');
      }
      const reason = requireText(command.data.reason, 'reason', 'The reason for reopening it');
      const effectiveOn = requireDateByNow(command.data.effectiveOn, command.now, 'effectiveOn', 'The date the reopening takes effect');
      requireNotBefore(rec, effectiveOn, rec.closedOn, 'closed', 'reopened');
      return [{ type: 'RecommendationReopened', data: { reason, effectiveOn } }];
    }
    default: {
      const _exhaustive: never = command;
      return [];
    }
  }
};

/** The day each event applies to: a recommendation to the day it was raised, the rest to their own date. */
export const effectiveOnOf = (event: RecommendationEvent): string =>
  event.type === 'RecommendationRaised' ? event.data.raisedOn : event.data.effectiveOn;

export const recommendationDecider: Decider<RecommendationCommand, RecommendationEvent, RecommendationState> = {
  decide,
  evolve,
  initialState,
};
