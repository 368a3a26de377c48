import { parsePeriod } from '../../domain/period';
import { Fact } from '../fact';
import { ACTOR_COLUMNS, actorValues, NO_ROWS, Projection, Row } from '../projection';
import { provenanceValue } from '../provenance';
import { INDICATORS_MIGRATIONS } from './indicators.migrations';

/** Performance indicators and every value recorded for them. */
export const indicatorsProjection: Projection = {
  name: 'indicators',
  migrations: INDICATORS_MIGRATIONS,
  tables: {
    indicators: ['plan_id', 'indicator_id', 'title', 'unit', 'position', 'recorded_at', 'provenance'],
    indicator_values: [
      'position',
      'plan_id',
      'indicator_id',
      'period',
      'period_start',
      'period_end',
      'value',
      'note',
      'effective_on',
      'recorded_at',
      ...ACTOR_COLUMNS,
      'provenance',
    ],
  },
  project(fact: Fact): Row[] {
    const { event, planId, entityId, position, effectiveOn, recordedAt } = fact;
    switch (event.type) {
      case 'IndicatorDefined':
        const { title, unit } = event.data;
        return [['indicators', [planId, entityId, title, unit, position, recordedAt, provenanceValue(fact)]]];
      case 'IndicatorValueRecorded': {
        const { period, value, note } = event.data;
        const known = parsePeriod(period);
        const values = [
          position,
          planId,
          entityId,
          period,
          known?.start ?? null,
          known?.end ?? null,
          value,
          note ?? null,
          effectiveOn,
          recordedAt,
          ...actorValues(fact),
          provenanceValue(fact),
        ];
        return [['indicator_values', values]];
      }
      case 'PlanCreated':
      case 'PriorityAdded':
      case 'MilestoneAdded':
      case 'MilestoneUpdated':
      case 'MilestoneDueDateChanged':
      case 'RecommendationRaised':
      case 'MilestoneLinked':
      case 'RecommendationClosed':
      case 'RecommendationReopened':
      case 'VisitRecorded':
      case 'VisitFindingRecorded':
      case 'JudgementRecorded':
        return NO_ROWS;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
