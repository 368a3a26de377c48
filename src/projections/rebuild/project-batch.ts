import { StoredEvent } from '../../event-store/event-store.port';
import { toFact } from '../engine/fact';
import { Projection, SqlValue } from '../engine/projection';

/** A rebuild's rows for one table of one projection (by index): their values one row after another. */
export interface TableRows {
  projection: number;
  table: string;
  /** `count` rows of the table's columns, flattened (few objects to pass between threads). */
  values: SqlValue[];
  count: number;
}

export interface ProjectedBatch {
  tables: TableRows[];
  /** Events the batch covers. */
  count: number;
  /** Position of its last event. */
  last: number;
}

/**
 * Pure: the rows a batch of events adds to every read model, when all start from nothing (a rebuild),
 * grouped by table in the order they were projected (tables have no bearing on one another).
 */
export function projectBatch(projections: readonly Projection[], events: readonly StoredEvent[]): ProjectedBatch {
  // Per projection, its tables' rows by table name (the projection's own strings: cheap to look up).
  const byProjection = projections.map(() => new Map<string, TableRows>());
  const tables: TableRows[] = [];
  for (const stored of events) {
    const fact = toFact(stored);
    if (!fact) continue;
    for (let i = 0; i < projections.length; i++) {
      for (const [table, values] of projections[i]!.project(fact)) {
        let rows = byProjection[i]!.get(table);
        if (!rows) {
          rows = { projection: i, table, values: [], count: 0 };
          byProjection[i]!.set(table, rows);
          tables.push(rows);
        }
        for (const value of values) rows.values.push(value);
        rows.count += 1;
      }
    }
  }
  const last = events.length === 0 ? -1 : Number(events[events.length - 1]!.position);
  return { tables, count: events.length, last };
}
