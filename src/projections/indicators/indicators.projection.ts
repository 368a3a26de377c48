import { parsePeriod } from '../../domain/period';
import { ACTOR_COLUMNS, projection } from '../engine/projection';
import { INDICATORS_MIGRATIONS } from './indicators.migrations';

/** Performance indicators and every value recorded for them. */
export const indicatorsProjection = projection({
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
  handles: ['IndicatorDefined', 'IndicatorValueRecorded'],
  project(fact) {
    const { event, planId, entityId, position } = fact;
    switch (event.type) {
      case 'IndicatorDefined': {
        const { title, unit } = event.data;
        return [{ table: 'indicators', values: { plan_id: planId, indicator_id: entityId, title, unit, position } }];
      }
      case 'IndicatorValueRecorded': {
        const { period, value, note } = event.data;
        const known = parsePeriod(period);
        const values = {
          position,
          plan_id: planId,
          indicator_id: entityId,
          period,
          period_start: known?.start ?? null,
          period_end: known?.end ?? null,
          value,
          note: note ?? null,
        };
        return [{ table: 'indicator_values', values }];
      }
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
});
