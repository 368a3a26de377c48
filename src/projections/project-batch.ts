import { StoredEvent } from '../event-store/event-store.port';
import { toFact } from './fact';
import { Projection, SqlValue } from './projection';

/** A row for a rebuild's bulk load: which projection (by index), which table, which values. */
export type ProjectedRow = readonly [projection: number, table: string, values: readonly SqlValue[]];

export interface ProjectedBatch {
  rows: ProjectedRow[];
  /** Events the batch covers. */
  count: number;
  /** Position of its last event. */
  last: number;
}

/** Pure: the rows a batch of events adds to every read model, when all start from nothing (a rebuild). */
export function projectBatch(projections: readonly Projection[], events: readonly StoredEvent[]): ProjectedBatch {
  const rows: ProjectedRow[] = [];
  for (const stored of events) {
    const fact = toFact(stored);
    if (!fact) continue;
    for (let i = 0; i < projections.length; i++) {
      for (const [table, values] of projections[i]!.project(fact)) rows.push([i, table, values]);
    }
  }
  const last = events.length === 0 ? -1 : Number(events[events.length - 1]!.position);
  return { rows, count: events.length, last };
}
