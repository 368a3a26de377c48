import { EventMetadata } from '../../event-store/event-store.port';

/**
 * Events that carry the day they apply to in their data since the product dated every fact in its
 * decider. Stores written before then hold them without it: the day was kept in the metadata (the
 * command's, or a seeded document's), or, failing that, was the day recorded.
 */
const DATED_IN_DATA_SINCE_THEN = new Set(['PlanCreated', 'PriorityAdded', 'MilestoneAdded', 'MilestoneDueDateChanged', 'MilestoneLinked', 'IndicatorDefined']);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: unknown): value is string => typeof value === 'string' && DATE.test(value);

/**
 * An event's data in its current shape, whatever version of the product recorded it: the one place the
 * read side knows older shapes (the embedded store on a user's disk is never migrated by hand). The write
 * side folds events as stored: no decision reads these dates.
 */
export function upcast(type: string, data: Record<string, unknown>, metadata: EventMetadata, recordedAt: string): Record<string, unknown> {
  if (!DATED_IN_DATA_SINCE_THEN.has(type) || isDate(data.effectiveOn)) return data;
  return { ...data, effectiveOn: isDate(metadata.effectiveOn) ? metadata.effectiveOn : recordedAt.slice(0, 10) };
}
