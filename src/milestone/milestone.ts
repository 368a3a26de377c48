import { effectiveOnOr, requireDate, requireNotAfter } from '../domain/dates';
import { dayOf } from '../domain/clock';
import { Command } from '../domain/command';
import { Decider } from '../domain/decider';
import { alreadyExists, notFound, ruleBroken } from '../domain/domain-error';
import { comparePeriods, defaultDayOf, requireDateInPeriod, requirePeriod, requirePeriodBegun } from '../domain/period';
import { PlanContext, requirePlan } from '../domain/plan-context';
import { streamIdOf } from '../domain/stream-id';
import { defined, hasOwn, optionalText, requireOneOf, requireText } from '../domain/text';

import { FORECAST_RAGS, ForecastRag, Rag, RAGS } from './rag';

export * from './rag';

export interface Rating {
  rag: Rag;
  commentary: string;
  effectiveOn: string;
  forecastRag?: ForecastRag;
}

type Added = { milestoneId: string; priorityId: string; title: string; owner?: string; dueOn?: string };
type Update = { period: string; rag: Rag; commentary: string; effectiveOn: string; reason?: string; note?: string };
/** effectiveOn may be left out: the period's last day once it has ended, else the day the rating is recorded. */
type UpdateRequest = Omit<Update, 'effectiveOn'> & { effectiveOn?: string };

export type MilestoneEvent =
  | { type: 'MilestoneAdded'; data: Added & { effectiveOn: string } }
  | { type: 'MilestoneUpdated'; data: Update & { forecastRag?: ForecastRag } }
  | { type: 'MilestoneDueDateChanged'; data: { dueOn: string; previousDueOn?: string; reason: string; effectiveOn: string } };

/** The milestone a command is about. */
type Target = { planId: string; milestoneId: string };

export type MilestoneCommand =
  /** effectiveOn: the day the milestone applies from, when not the day the command is issued. */
  | Command<'AddMilestone', Added & Target & { plan: PlanContext; effectiveOn?: string }>
  | Command<'UpdateMilestone', UpdateRequest & Target & { forecastRag?: Rag }>
  | Command<'ChangeMilestoneDueDate', Target & { dueOn: string; reason: string }>;

export type MilestoneState =
  | { status: 'none' }
  | {
      status: 'active';
      milestoneId: string;
      priorityId: string;
      title: string;
      owner?: string;
      dueOn?: string;
      /** The latest rating of each period, by period text. */
      ratings: Record<string, Rating>;
    };
type ActiveMilestone = Extract<MilestoneState, { status: 'active' }>;

export const streamType = 'milestone';
export const streamId = (planId: string, milestoneId: string): string => streamIdOf(streamType, planId, milestoneId);
export const streamOfCommand = ({ data }: MilestoneCommand): string => streamId(data.planId, data.milestoneId);

export const initialState: MilestoneState = { status: 'none' };

export const evolve = (state: MilestoneState, event: MilestoneEvent): MilestoneState => {
  switch (event.type) {
    case 'MilestoneAdded': {
      const { milestoneId, priorityId, title, owner, dueOn } = event.data;
      return { status: 'active', milestoneId, priorityId, title, ...defined({ owner, dueOn }), ratings: {} };
    }
    case 'MilestoneUpdated': {
      if (state.status !== 'active') return state;
      const { period, rag, commentary, effectiveOn, forecastRag } = event.data;
      return {
        ...state,
        ratings: { ...state.ratings, [period]: { rag, commentary, effectiveOn, ...defined({ forecastRag }) } },
      };
    }
    case 'MilestoneDueDateChanged':
      return state.status === 'active' ? { ...state, dueOn: event.data.dueOn } : state;
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};

const requireMilestone = (state: MilestoneState, { planId, milestoneId }: Target, doing: string): ActiveMilestone => {
  if (state.status === 'none') {
    throw notFound(`Plan "${planId}" has no milestone "${milestoneId}"; add it to the plan before ${doing}.`, 'milestoneId');
  }
  return state;
};

type Of<T extends MilestoneCommand['type']> = Extract<MilestoneCommand, { type: T }>;

const sameRating = (a: Rating, b: Rating): boolean =>
  a.rag === b.rag && a.commentary === b.commentary && a.effectiveOn === b.effectiveOn && a.forecastRag === b.forecastRag;

const latestRating = (state: ActiveMilestone): [string, Rating] | undefined =>
  Object.entries(state.ratings)
    .sort(([a], [b]) => comparePeriods(a, b))
    .pop();

const addMilestone = ({ data, now }: Of<'AddMilestone'>, state: MilestoneState): MilestoneEvent[] => {
  requirePlan(data.plan, data.planId);
  const milestoneId = requireText(data.milestoneId, 'milestoneId', 'The milestone id');
  if (state.status !== 'none') {
    throw alreadyExists(
      `Milestone ${milestoneId} already exists (under priority ${state.priorityId}: "${state.title}").`,
      'milestoneId',
    );
  }
  const priorityId = requireText(data.priorityId, 'priorityId', 'The priority');
  if (!data.plan.priorityIds.includes(priorityId)) {
    const known = data.plan.priorityIds.length ? `one of ${data.plan.priorityIds.join(', ')}` : 'none has been added yet';
    throw ruleBroken(
      `Plan "${data.planId}" has no priority ${priorityId}; a milestone must belong to one of its priorities (${known}).`,
      'priorityId',
    );
  }
  const title = requireText(data.title, 'title', "The milestone's title");
  const dueOn = data.dueOn === undefined || data.dueOn === '' ? undefined : requireDate(data.dueOn, 'dueOn', 'The due date');
  return [
    {
      type: 'MilestoneAdded',
      data: {
        milestoneId,
        priorityId,
        title,
        ...defined({ owner: optionalText(data.owner), dueOn }),
        effectiveOn: effectiveOnOr(data.effectiveOn, now, 'The date the milestone applies from'),
      },
    },
  ];
};

const updateMilestone = ({ data, now }: Of<'UpdateMilestone'>, state: MilestoneState): MilestoneEvent[] => {
  const milestone = requireMilestone(state, data, 'rating it');
  const period = requirePeriod(data.period, ['quarter']);
  const today = dayOf(now);
  requirePeriodBegun(period, today, 'A rating');
  const rag = requireOneOf(data.rag, RAGS, 'rag', 'a rating');
  const forecastRag =
    data.forecastRag === undefined
      ? undefined
      : requireOneOf(data.forecastRag, FORECAST_RAGS, 'forecastRag', 'a forecast ("not-rated" is no forecast)');
  if (rag === 'complete' && forecastRag !== undefined) {
    throw ruleBroken(
      `Milestone ${milestone.milestoneId} is rated complete, so it needs no forecast; leave the forecast out.`,
      'forecastRag',
    );
  }
  const commentary = requireText(data.commentary, 'commentary', 'The commentary');
  const effectiveOn =
    data.effectiveOn === undefined ? defaultDayOf(period, today) : requireDate(data.effectiveOn, 'effectiveOn', 'The date the rating applies to');
  requireDateInPeriod(effectiveOn, period);
  requireNotAfter(
    effectiveOn,
    today,
    'effectiveOn',
    'The date the rating applies to',
    'Leave effectiveOn out and the rating counts from today, so today’s board shows it; at the quarter’s end it still stands for the quarter.',
  );
  const reason = optionalText(data.reason);
  const previous = hasOwn(milestone.ratings, period.text) ? milestone.ratings[period.text] : undefined;
  if (previous) {
    const was = `${previous.rag}, effective ${previous.effectiveOn}`;
    if (sameRating(previous, { rag, commentary, effectiveOn, ...defined({ forecastRag }) })) {
      throw ruleBroken(
        `Milestone ${milestone.milestoneId} already has exactly this rating for ${period.text} (${was}); recording it again changes nothing.`,
      );
    }
    if (!reason) {
      throw ruleBroken(
        `Milestone ${milestone.milestoneId} already has a rating for ${period.text} (${was}); changing it is a correction and needs a reason.`,
        'reason',
      );
    }
  }
  return [
    {
      type: 'MilestoneUpdated',
      data: {
        period: period.text,
        rag,
        commentary,
        effectiveOn,
        ...defined({ forecastRag, reason, note: optionalText(data.note) }),
      },
    },
  ];
};

const changeDueDate = ({ data, now }: Of<'ChangeMilestoneDueDate'>, state: MilestoneState): MilestoneEvent[] => {
  const milestone = requireMilestone(state, data, 'changing its due date');
  const dueOn = requireDate(data.dueOn, 'dueOn', 'The new due date');
  const reason = requireText(data.reason, 'reason', 'The reason for changing the due date');
  if (dueOn === milestone.dueOn) {
    throw ruleBroken(`Milestone ${milestone.milestoneId} is already due on ${dueOn}; give a different date.`, 'dueOn');
  }
  // Moving the deadline of delivered work would rewrite the record of when it was due.
  const latest = latestRating(milestone);
  if (latest?.[1].rag === 'complete') {
    throw ruleBroken(
      `Milestone ${milestone.milestoneId} is rated complete (${latest[0]}), so its due date can no longer change; correct that rating first if it is not delivered.`,
      'dueOn',
    );
  }
  // A new due date is a decision taken on the day it is recorded.
  return [{ type: 'MilestoneDueDateChanged', data: { dueOn, ...defined({ previousDueOn: milestone.dueOn }), reason, effectiveOn: dayOf(now) } }];
};

export const decide = (command: MilestoneCommand, state: MilestoneState): MilestoneEvent[] => {
  switch (command.type) {
    case 'AddMilestone':
      return addMilestone(command, state);
    case 'UpdateMilestone':
      return updateMilestone(command, state);
    case 'ChangeMilestoneDueDate':
      return changeDueDate(command, state);
    default: {
      const _exhaustive: never = command;
      return [];
    }
  }
};

/** The day each event applies to: a rating to the day it was given for, the rest to the day recorded. */
export const effectiveOnOf = (event: MilestoneEvent): string => event.data.effectiveOn;

export const milestoneDecider: Decider<MilestoneCommand, MilestoneEvent, MilestoneState> = {
  decide,
  evolve,
  initialState,
};
