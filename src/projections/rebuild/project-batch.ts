import { StoredEvent } from '../../event-store/event-store.port';
import { toFact } from '../engine/fact';
import { appendValues, handlersByType, Projection } from '../engine/projection';
import { ProjectedBatch, TableRows } from '../engine/read-models';

/**
 * Pure: the rows a batch of events adds to every read model, when all start from nothing (a rebuild),
 * grouped by table in the order they were projected (tables have no bearing on one another).
 */
export function projectBatch(projections: readonly Projection[], events: readonly StoredEvent[]): ProjectedBatch {
  const handlers = handlersByType(projections);
  // Per projection, its tables' rows by table name (the projection's own strings: cheap to look up).
  const byProjection = projections.map(() => new Map<string, TableRows>());
  const tables: TableRows[] = [];
  for (const stored of events) {
    const fact = toFact(stored);
    if (!fact) continue;
    for (const i of handlers.get(fact.event.type) ?? []) {
      const projection = projections[i]!;
      for (const row of projection.project(fact)) {
        let rows = byProjection[i]!.get(row.table);
        if (!rows) {
          rows = { projection: i, table: row.table, values: [], count: 0 };
          byProjection[i]!.set(row.table, rows);
          tables.push(rows);
        }
        appendValues(projection.tables[row.table]!, row.values, fact, rows.values);
        rows.count += 1;
      }
    }
  }
  const last = events.length === 0 ? -1 : Number(events[events.length - 1]!.position);
  return { tables, count: events.length, last };
}
