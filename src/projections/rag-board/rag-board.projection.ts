import { previousQuarter, sameQuarterLastYear } from '../../domain/period';
import { Fact } from '../fact';
import { ACTOR_COLUMNS, actorValues, NO_ROWS, Projection, Row } from '../projection';
import { provenanceValue } from '../provenance';
import { RAG_BOARD_MIGRATIONS } from './rag-board.migrations';

// A rebuild meets the same few periods over and over.
const earlier = new Map<string, [string | null, string | null]>();
const earlierOf = (period: string): [string | null, string | null] => {
  let found = earlier.get(period);
  if (!found) earlier.set(period, (found = [previousQuarter(period) ?? null, sameQuarterLastYear(period) ?? null]));
  return found;
};

/** Priorities, milestones, and every rating and due-date change with both of its times. */
export const ragBoardProjection: Projection = {
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
  project(fact: Fact): Row[] {
    const { event, planId, entityId, position, effectiveOn, recordedAt } = fact;
    switch (event.type) {
      case 'PriorityAdded':
        return [
          ['board_priorities', [planId, event.data.priorityId, event.data.title, position, recordedAt, provenanceValue(fact)]],
        ];
      case 'MilestoneAdded': {
        const { priorityId, title, owner, dueOn } = event.data;
        const provenance = provenanceValue(fact);
        return [
          [
            'board_milestones',
            [planId, entityId, priorityId, title, owner ?? null, dueOn ?? null, position, recordedAt, provenance],
          ],
        ];
      }
      case 'MilestoneUpdated': {
        const { period, rag, forecastRag, commentary, reason, note } = event.data;
        const [previousPeriod, lastYearPeriod] = earlierOf(period);
        return [
          [
            'milestone_ratings',
            [
              position,
              planId,
              entityId,
              period,
              previousPeriod,
              lastYearPeriod,
              rag,
              forecastRag ?? null,
              commentary,
              reason ?? null,
              note ?? null,
              effectiveOn,
              recordedAt,
              ...actorValues(fact),
              provenanceValue(fact),
            ],
          ],
        ];
      }
      case 'MilestoneDueDateChanged': {
        const { dueOn, previousDueOn, reason } = event.data;
        const values = [
          position,
          planId,
          entityId,
          dueOn,
          previousDueOn ?? null,
          reason,
          effectiveOn,
          recordedAt,
          ...actorValues(fact),
        ];
        return [['milestone_due_dates', values]];
      }
      case 'PlanCreated':
      case 'RecommendationRaised':
      case 'MilestoneLinked':
      case 'RecommendationClosed':
      case 'RecommendationReopened':
      case 'VisitRecorded':
      case 'VisitFindingRecorded':
      case 'JudgementRecorded':
      case 'IndicatorDefined':
      case 'IndicatorValueRecorded':
        return NO_ROWS;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
