import { Command } from '../domain/command';
import { effectiveOnOr } from '../domain/dates';
import { Decider } from '../domain/decider';
import { alreadyExists, notFound } from '../domain/domain-error';
import { PlanContext } from '../domain/plan-context';
import { streamIdOf } from '../domain/stream-id';
import { hasOwn, requireText } from '../domain/text';

export type PlanEvent =
  | { type: 'PlanCreated'; data: { planId: string; localAuthority: string; title: string; effectiveOn: string } }
  | { type: 'PriorityAdded'; data: { priorityId: string; title: string; effectiveOn: string } };

export type PlanCommand =
  /** effectiveOn, here and below: the day it applies from, when not the day the command is issued. */
  | Command<'CreatePlan', { planId: string; localAuthority: string; title: string; effectiveOn?: string }>
  | Command<'AddPriority', { planId: string; priorityId: string; title: string; effectiveOn?: string }>;

export type PlanState =
  | { status: 'none' }
  | {
      status: 'active';
      planId: string;
      localAuthority: string;
      title: string;
      priorities: Record<string, { title: string }>;
    };

export const streamType = 'plan';
export const streamId = (planId: string): string => streamIdOf(streamType, planId);
export const streamOfCommand = ({ data }: PlanCommand): string => streamId(data.planId);

export const initialState: PlanState = { status: 'none' };

export const evolve = (state: PlanState, event: PlanEvent): PlanState => {
  switch (event.type) {
    case 'PlanCreated': {
      const { planId, localAuthority, title } = event.data;
      return { status: 'active', planId, localAuthority, title, priorities: {} };
    }
    case 'PriorityAdded':
      if (state.status !== 'active') return state;
      return { ...state, priorities: { ...state.priorities, [event.data.priorityId]: { title: event.data.title } } };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};

export const decide = (command: PlanCommand, state: PlanState): PlanEvent[] => {
  switch (command.type) {
    case 'CreatePlan': {
      const planId = requireText(command.data.planId, 'planId', 'The plan id');
      if (state.status !== 'none') throw alreadyExists(`Plan "${planId}" already exists.`, 'planId');
      const localAuthority = requireText(command.data.localAuthority, 'localAuthority', 'The local authority');
      const title = requireText(command.data.title, 'title', "The plan's title");
      const effectiveOn = effectiveOnOr(command.data.effectiveOn, command.now, 'The date the plan applies from');
      return [{ type: 'PlanCreated', data: { planId, localAuthority, title, effectiveOn } }];
    }
    case 'AddPriority': {
      if (state.status === 'none') throw notFound(`There is no plan "${command.data.planId}"; create the plan first.`, 'planId');
      const priorityId = requireText(command.data.priorityId, 'priorityId', 'The priority id');
      const existing = hasOwn(state.priorities, priorityId) ? state.priorities[priorityId] : undefined;
      if (existing) {
        throw alreadyExists(
          `Priority ${priorityId} already exists in plan "${state.planId}" ("${existing.title}").`,
          'priorityId',
        );
      }
      const title = requireText(command.data.title, 'title', "The priority's title");
      const effectiveOn = effectiveOnOr(command.data.effectiveOn, command.now, 'The date the priority applies from');
      return [{ type: 'PriorityAdded', data: { priorityId, title, effectiveOn } }];
    }
    default: {
      const _exhaustive: never = command;
      return [];
    }
  }
};

/** The day each event applies to: the plan and its priorities from the day they were recorded. */
export const effectiveOnOf = (event: PlanEvent): string => event.data.effectiveOn;

export const planDecider: Decider<PlanCommand, PlanEvent, PlanState> = { decide, evolve, initialState };

/** What commands on the plan's other aggregates need to know of it (see PlanContext). */
export const planContextOf = (state: PlanState): PlanContext =>
  state.status === 'active' ? { exists: true, priorityIds: Object.keys(state.priorities) } : { exists: false, priorityIds: [] };
