import { previousQuarter, sameQuarterLastYear } from '../../domain/period';
import { ACTOR_COLUMNS, projection } from '../engine/projection';
import { RAG_BOARD_MIGRATIONS } from './rag-board.migrations';

// A rebuild meets the same few periods over and over.
const earlier = new Map<string, [string | null, string | null]>();
const earlierOf = (period: string): [string | null, string | null] => {
  let found = earlier.get(period);
  if (!found) earlier.set(period, (found = [previousQuarter(period) ?? null, sameQuarterLastYear(period) ?? null]));
  return found;
};

/** Priorities, milestones, and every rating and due-date change with both of its times. */
export const ragBoardProjection = projection({
  name: 'rag-board',
  migrations: RAG_BOARD_MIGRATIONS,
  tables: {
    board_priorities: ['plan_id', 'priority_id', 'title', 'position', 'recorded_at', 'provenance'],
    board_milestones: [
      'plan_id',
      'milestone_id',
      'priority_id',
      'title',
      'owner',
      'due_on',
      'position',
      'recorded_at',
      'provenance',
    ],
    milestone_ratings: [
      'position',
      'plan_id',
      'milestone_id',
      'period',
      'previous_period',
      'last_year_period',
      'rag',
      'forecast_rag',
      'commentary',
      'reason',
      'note',
      'effective_on',
      'recorded_at',
      ...ACTOR_COLUMNS,
      'provenance',
    ],
    milestone_due_dates: [
      'position',
      'plan_id',
      'milestone_id',
      'due_on',
      'previous_due_on',
      'reason',
      'effective_on',
      'recorded_at',
      ...ACTOR_COLUMNS,
    ],
  },
  handles: ['PriorityAdded', 'MilestoneAdded', 'MilestoneUpdated', 'MilestoneDueDateChanged'],
  project(fact) {
    const { event, planId, entityId, position } = fact;
    switch (event.type) {
      case 'PriorityAdded': {
        const { priorityId, title } = event.data;
        return [{ table: 'board_priorities', values: { plan_id: planId, priority_id: priorityId, title, position } }];
      }
      case 'MilestoneAdded': {
        const { priorityId, title, owner, dueOn } = event.data;
        const values = {
          plan_id: planId,
          milestone_id: entityId,
          priority_id: priorityId,
          title,
          owner: owner ?? null,
          due_on: dueOn ?? null,
          position,
        };
        return [{ table: 'board_milestones', values }];
      }
      case 'MilestoneUpdated': {
        const { period, rag, forecastRag, commentary, reason, note } = event.data;
        const [previousPeriod, lastYearPeriod] = earlierOf(period);
        const values = {
          position,
          plan_id: planId,
          milestone_id: entityId,
          period,
          previous_period: previousPeriod,
          last_year_period: lastYearPeriod,
          rag,
          forecast_rag: forecastRag ?? null,
          commentary,
          reason: reason ?? null,
          note: note ?? null,
        };
        return [{ table: 'milestone_ratings', values }];
      }
      case 'MilestoneDueDateChanged': {
        const { dueOn, previousDueOn, reason } = event.data;
        const values = {
          position,
          plan_id: planId,
          milestone_id: entityId,
          due_on: dueOn,
          previous_due_on: previousDueOn ?? null,
          reason,
        };
        return [{ table: 'milestone_due_dates', values }];
      }
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
});
