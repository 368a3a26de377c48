import type Database from 'better-sqlite3';
import { StoredEvent } from '../../event-store/event-store.port';
import { migrate } from '../../event-store/sqlite-schema';
import { restoreIndexes } from './deferred-indexes';
import { toFact } from './fact';
import { appendValues, handlersByType, Projection, SqlValue } from './projection';

/** Rows for one table of one projection (by index), projected elsewhere: their values one row after another. */
export interface TableRows {
  projection: number;
  table: string;
  /** `count` rows of the table's columns, flattened (few objects to pass between threads). */
  values: SqlValue[];
  count: number;
}

/** The rows a batch of events adds to every read model, as a rebuild's worker projects them. */
export interface ProjectedBatch {
  tables: TableRows[];
  /** Events the batch covers. */
  count: number;
  /** Position of its last event. */
  last: number;
}

const NO_HANDLERS: readonly number[] = [];

const CHECKPOINT_MIGRATIONS = [
  `CREATE TABLE projection_checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;
   CREATE TABLE projection_deferred_indexes (name TEXT PRIMARY KEY, sql TEXT NOT NULL) WITHOUT ROWID;
   CREATE TABLE projection_store (id INTEGER PRIMARY KEY CHECK (id = 1), first_event_id TEXT NOT NULL);`,
];

/** Rows per statement in a rebuild's bulk load. */
const ROWS_PER_INSERT = 64;

/** No event has been applied yet. */
export const NOTHING_APPLIED = -1;

/**
 * The read models on one SQLite connection. A batch of events is applied in one transaction that also
 * moves every checkpoint, so a crash never half-applies a batch; events at or before a read model's
 * checkpoint are skipped, so redelivery changes nothing.
 */
export class ReadModels {
  /** Per projection, an idempotent insert for each of its tables. */
  private readonly inserts: Array<Record<string, Database.Statement<SqlValue[]>>>;
  /** Committed checkpoints, one per projection, in the order of `projections`. */
  private checkpoints: number[];
  /** Checkpoints inside an open bulk transaction, not yet committed. */
  private pending?: number[];
  /** Events applied inside the open bulk transaction. */
  private uncommitted = 0;
  private readonly saveCheckpoint: Database.Statement<[string, number]>;
  /** Multi-row inserts for a rebuild's bulk load, by projection and table. */
  private readonly manyInserts = new Map<string, Database.Statement<SqlValue[]>>();
  /** For each event type, the projections that handle it. */
  private readonly handlers: ReadonlyMap<string, readonly number[]>;

  constructor(
    readonly db: Database.Database,
    readonly projections: readonly Projection[],
  ) {
    this.handlers = handlersByType(projections);
    migrate(db, 'projections', CHECKPOINT_MIGRATIONS);
    for (const projection of projections) migrate(db, `projections.${projection.name}`, projection.migrations);
    this.inserts = projections.map((p) =>
      Object.fromEntries(
        Object.entries(p.tables).map(([table, columns]) => [
          table,
          db.prepare<SqlValue[]>(
            `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`,
          ),
        ]),
      ),
    );
    this.saveCheckpoint = db.prepare(
      'INSERT INTO projection_checkpoints (projection, position) VALUES (?, ?) ON CONFLICT(projection) DO UPDATE SET position = excluded.position',
    );
    this.checkpoints = this.loadCheckpoints();
    // A rebuild that stopped half-way left its indexes dropped: put them back before anyone reads.
    restoreIndexes(db);
  }

  /** The position every read model has reached (the lowest checkpoint). */
  get position(): number {
    return this.checkpoints.length === 0 ? NOTHING_APPLIED : Math.min(...this.checkpoints);
  }

  get tables(): string[] {
    return this.projections.flatMap((p) => Object.keys(p.tables));
  }

  /**
   * Applies the events (in position order) in one transaction, checkpoints included. The commit does not
   * wait for the disk: the log is written in order, so a crash can only lose the latest batches together
   * with their checkpoints, and they are applied again from the events. On the embedded store's shared
   * connection that leaves the fsyncs to the commits of events.
   */
  apply(events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    const next = [...this.checkpoints];
    const synchronous = this.db.pragma('synchronous', { simple: true }) as number;
    this.db.pragma('synchronous = NORMAL');
    try {
      this.db.transaction(() => this.applyWithin(events, next)).immediate();
    } finally {
      this.db.pragma(`synchronous = ${synchronous}`);
    }
    this.checkpoints = next;
  }

  /**
   * For a rebuild: one transaction across many small batches, so events can be read a little at a time
   * (short-lived objects) while commits stay few. Nothing else may write to the connection meanwhile.
   */
  beginBulk(): void {
    this.db.exec('BEGIN IMMEDIATE');
    this.pending = [...this.checkpoints];
    this.uncommitted = 0;
  }

  /** Counts `events` applied in bulk; once `every` have been, commits them and begins again. */
  appliedInBulk(events: number, every: number): void {
    this.uncommitted += events;
    if (this.uncommitted < every) return;
    this.commitBulk();
    this.beginBulk();
  }

  applyInBulk(events: readonly StoredEvent[]): void {
    if (!this.pending) throw new Error('applyInBulk needs beginBulk first');
    this.applyWithin(events, this.pending);
  }

  /** Rows projected elsewhere (a rebuild's worker thread), up to and including position `last`. */
  applyRowsInBulk({ tables, last }: ProjectedBatch): void {
    const pending = this.pending;
    if (!pending) throw new Error('applyRowsInBulk needs beginBulk first');
    for (const rows of tables) this.insertMany(rows);
    for (let i = 0; i < pending.length; i++) {
      if (last > pending[i]!) {
        pending[i] = last;
        this.saveCheckpoint.run(this.projections[i]!.name, last);
      }
    }
  }

  /** Inserts many rows of one table, ROWS_PER_INSERT at a time: one statement per row costs more than the row. */
  private insertMany({ projection, table, values, count }: TableRows): void {
    const columns = this.projections[projection]!.tables[table]!;
    const width = columns.length;
    let row = 0;
    if (count >= ROWS_PER_INSERT) {
      const key = `${projection}:${table}`;
      let many = this.manyInserts.get(key);
      if (!many) {
        const tuple = `(${columns.map(() => '?').join(', ')})`;
        many = this.db.prepare<SqlValue[]>(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(ROWS_PER_INSERT).fill(tuple).join(', ')} ON CONFLICT DO NOTHING`,
        );
        this.manyInserts.set(key, many);
      }
      for (; row + ROWS_PER_INSERT <= count; row += ROWS_PER_INSERT) {
        many.run(...values.slice(row * width, (row + ROWS_PER_INSERT) * width));
      }
    }
    const one = this.inserts[projection]![table]!;
    for (; row < count; row++) one.run(...values.slice(row * width, (row + 1) * width));
  }

  commitBulk(): void {
    if (!this.pending) return;
    this.db.exec('COMMIT');
    this.checkpoints = this.pending;
    this.pending = undefined;
  }

  rollbackBulk(): void {
    if (!this.pending) return;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.pending = undefined;
  }

  /**
   * Read models built from another store (a file reused, a backup restored) must not be resumed: their
   * checkpoints mean nothing there. The store is known by its first event; one that has fewer events than
   * the read models have seen is another store too. Returns true when the read models were emptied.
   */
  matchStore(firstEventId: string | undefined, head: number): boolean {
    const known = this.db
      .prepare<[], { first_event_id: string }>('SELECT first_event_id FROM projection_store')
      .get()?.first_event_id;
    const other = (known !== undefined && known !== firstEventId) || this.position > head;
    if (other) this.reset();
    if (firstEventId !== undefined && known !== firstEventId) {
      this.db
        .prepare(
          'INSERT INTO projection_store (id, first_event_id) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET first_event_id = excluded.first_event_id',
        )
        .run(firstEventId);
    }
    return other;
  }

  /** Empties every read model and sets its checkpoint back to the start, for a rebuild from position 0. */
  reset(): void {
    this.db
      .transaction(() => {
        for (const table of this.tables) this.db.exec(`DELETE FROM ${table}`);
        for (const { name } of this.projections) this.saveCheckpoint.run(name, NOTHING_APPLIED);
      })
      .immediate();
    this.checkpoints = this.loadCheckpoints();
  }

  private applyWithin(events: readonly StoredEvent[], checkpoints: number[]): void {
    const lowest = Math.min(...checkpoints);
    let last = lowest;
    for (const stored of events) {
      const position = Number(stored.position);
      if (position <= lowest) continue;
      const fact = toFact(stored);
      if (fact) {
        for (const i of this.handlers.get(fact.event.type) ?? NO_HANDLERS) {
          if (position <= checkpoints[i]!) continue;
          const { tables, project } = this.projections[i]!;
          const inserts = this.inserts[i]!;
          for (const row of project(fact)) {
            const values: SqlValue[] = [];
            appendValues(tables[row.table]!, row.values, fact, values);
            inserts[row.table]!.run(...values);
          }
        }
      }
      last = position;
    }
    for (let i = 0; i < checkpoints.length; i++) {
      if (last > checkpoints[i]!) {
        checkpoints[i] = last;
        this.saveCheckpoint.run(this.projections[i]!.name, last);
      }
    }
  }

  private loadCheckpoints(): number[] {
    const rows = this.db
      .prepare<[], { projection: string; position: number }>('SELECT projection, position FROM projection_checkpoints')
      .all();
    const stored = new Map(rows.map((r) => [r.projection, r.position]));
    return this.projections.map((p) => stored.get(p.name) ?? NOTHING_APPLIED);
  }
}
