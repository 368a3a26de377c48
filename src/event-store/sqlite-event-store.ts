import type Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { GENESIS } from './chain';
import {
  AppendResult,
  ChainHead,
  EventHandler,
  EventStore,
  EventStoreError,
  ExpectedRevision,
  malformedEvents,
  NewEvent,
  ReadAllOptions,
  malformedAppendMany,
  ReadStreamOptions,
  RecordedFact,
  RestoredEvent,
  StoredEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from './event-store.port';
import { subscribeByPolling } from './polling-subscription';
import { SqliteAppender } from './sqlite-appender';
import { openSqlite } from './sqlite-connection';
import { openFailure, storeTrouble } from './sqlite-trouble';
import { SQLITE_EVENT_STORE_MIGRATIONS, migrate, UpgradeProgress } from './sqlite-schema';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:'. */
  path: string;
  /** The store's clock, injectable so tests can record facts at chosen instants. */
  clock?: () => Date;
  /** Who the connection is for (see ConnectionRole): `store` unless it is the server's writer thread. */
  connection?: 'store' | 'writer';
  /** How often a subscription looks for events appended by another process (ms). */
  pollIntervalMs?: number;
  /** Told how a long upgrade of the file's schema goes (the chain's backfill of a store written before it). */
  onUpgrade?: UpgradeProgress;
}

/** Some streams of the store, named exactly or by the start of their ids, and the event types wanted of them. */
export interface StreamSelection {
  streams: readonly string[];
  prefixes: readonly string[];
  types: readonly string[];
}

/** Events after a position, recorded from … to (ISO instants, inclusive). */
export interface SelectionBounds {
  after: number;
  recordedFrom: string;
  recordedTo: string;
}

/** The first id after every id that starts with `prefix`. */
const pastPrefix = (prefix: string): string => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/** The values of a selection's placeholders, in the order selectionStatement writes them. */
const selectionParams = ({ streams, prefixes, types }: StreamSelection): unknown[] => [...streams, ...prefixes.flatMap((p) => [p, pastPrefix(p)]), ...types];

/** An append, or a multi-stream append (`requests`), waiting for its group commit; stamped with the store's clock then. */
type PendingAppend =
  | { request: StreamAppend; resolve: (result: AppendResult) => void; reject: (error: Error) => void }
  | { requests: readonly StreamAppend[]; resolve: (results: AppendResult[]) => void; reject: (error: Error) => void };

/** How long a health check waits for the write lock before reporting that another process holds it (ms). */
const PROBE_WAIT_MS = 250;

/**
 * An event's columns in EventRow's order, as every read of events takes them (as arrays), and as the
 * benchmark's raw scan reads them: the chain link is read only where it is checked.
 */
export const EVENT_COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';
type EventTuple = [number, string, string, number, string, string, string, string];

const toStored = ([position, eventId, streamId, revision, type, data, metadata, recordedAt]: EventTuple): StoredEvent => ({
  eventId,
  type,
  data: JSON.parse(data),
  metadata: JSON.parse(metadata),
  streamId,
  revision,
  position: BigInt(position),
  recordedAt,
});

const toLinked = (row: [...EventTuple, Buffer | null]): StoredEvent => ({ ...toStored(row as unknown as EventTuple), link: row[8]?.toString('hex') ?? null });

/**
 * The embedded event store. Appends that arrive in the same turn of the event loop are committed in one
 * transaction (group commit), each kept or refused on its own, so one writer's conflict never affects another's.
 */
export class SqliteEventStore implements EventStore {
  readonly db: Database.Database;
  private readonly clock: () => Date;
  private readonly pollIntervalMs: number;
  private readonly appended = new EventEmitter();
  private readonly appender: SqliteAppender;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly statements;
  /** Statements reading a selection of streams, by the selection's shape. */
  private readonly selections = new Map<string, Database.Statement<unknown[], EventTuple>>();
  private readonly lastSelections = new Map<string, Database.Statement<unknown[], { position: number; recorded_at: string }>>();
  private readonly newestSelections = new Map<string, Database.Statement<unknown[], { position: number | null }>>();

  constructor(options: SqliteEventStoreOptions) {
    this.db = openSqlite(options.path, options.connection ?? 'store');
    try {
      migrate(this.db, 'event_store', SQLITE_EVENT_STORE_MIGRATIONS, options.onUpgrade);
    } catch (error) {
      this.db.close();
      throw openFailure(error, options.path, "event store's file");
    }
    this.appender = new SqliteAppender(this.db);
    this.clock = options.clock ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.appended.setMaxListeners(0);
    this.statements = {
      readStream: this.db
        .prepare<[string, number, number], EventTuple>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
        )
        .raw(true),
      // Rows as arrays: a cold command reads a stream of dozens of events, and an object per row costs more.
      readStreamFacts: this.db
        .prepare<[string, number, number], [number, string, string]>(
          'SELECT revision, type, data FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
        )
        .raw(true),
      // Rows as arrays (as for every read of events here): reading the log, as projections and a rebuild do,
      // costs less than with an object per row.
      readAll: this.db
        .prepare<[number, number], EventTuple>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
        .raw(true),
      readAllLinked: this.db
        .prepare<[number, number], [...EventTuple, Buffer | null]>(`SELECT ${EVENT_COLUMNS}, chain FROM events WHERE position > ? ORDER BY position LIMIT ?`)
        .raw(true),
      head: this.db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
      chainHead: this.db.prepare<[], { position: number; chain: Buffer | null }>('SELECT position, chain FROM events ORDER BY position DESC LIMIT 1'),
      chainAt: this.db.prepare<[number], { chain: Buffer | null }>('SELECT chain FROM events WHERE position = ?'),
      recordedAt: this.db.prepare<[number], { recorded_at: string }>('SELECT recorded_at FROM events WHERE position = ?'),
      // The same condition as the events_keyed index's, so that SQLite reads it.
      keyed: this.db
        .prepare<[string, string], EventTuple>(
          `SELECT ${EVENT_COLUMNS} FROM events
           WHERE stream_id = ? AND event_id = ? AND json_extract(metadata, '$.idempotencyKey') IS NOT NULL`,
        )
        .raw(true),
    };
  }

  append(streamId: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new EventStoreError('The event store is closed'));
    const malformed = malformedEvents(events);
    if (malformed) return Promise.reject(new EventStoreError(malformed));
    const request = { streamId, events, expectedRevision: options.expectedRevision };
    return new Promise((resolve, reject) => this.enqueue({ request, resolve, reject }));
  }

  /** Joins the group commit as one unit: its streams are kept all or none, the other appends on their own. */
  appendMany(requests: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (this.closed) return Promise.reject(new EventStoreError('The event store is closed'));
    const malformed = malformedAppendMany(requests);
    if (malformed) return Promise.reject(new EventStoreError(malformed));
    return new Promise((resolve, reject) => this.enqueue({ requests, resolve, reject }));
  }

  private enqueue(pending: PendingAppend): void {
    this.queue.push(pending);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.flushScheduled = false;
    const recordedAt = this.clock().toISOString();
    let outcomes: Array<AppendResult | AppendResult[] | Error>;
    try {
      outcomes = this.appender.commit(
        batch.map((pending) =>
          'requests' in pending ? pending.requests.map((request) => ({ ...request, recordedAt })) : { ...pending.request, recordedAt },
        ),
      );
    } catch (error) {
      const failure = storeTrouble(error, this.db.name) ?? (error instanceof Error ? error : new EventStoreError(String(error)));
      batch.forEach((pending) => pending.reject(failure));
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if (outcome instanceof Error) pending.reject(storeTrouble(outcome, this.db.name) ?? outcome);
      else (pending.resolve as (result: AppendResult | AppendResult[]) => void)(outcome);
    });
    this.appended.emit('appended');
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    return this.statements.readStream
      .all(streamId, options.fromRevision ?? 0, options.maxCount ?? -1)
      .map(toStored);
  }

  async readStreamFacts(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedFact[]> {
    return this.statements.readStreamFacts
      .all(streamId, options.fromRevision ?? 0, options.maxCount ?? -1)
      .map(([revision, type, data]) => ({ revision, type, data: JSON.parse(data) }));
  }

  async findKeyedEvent(streamId: string, eventId: string): Promise<StoredEvent | undefined> {
    const row = this.statements.keyed.get(streamId, eventId);
    return row ? toStored(row) : undefined;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.readAllSync(options);
  }

  readAllSync(options: ReadAllOptions = {}): StoredEvent[] {
    const after = Number(options.after ?? -1n);
    if (options.links) return this.statements.readAllLinked.all(after, options.maxCount ?? -1).map(toLinked);
    return this.statements.readAll.all(after, options.maxCount ?? -1).map(toStored);
  }

  /**
   * The events of some streams in position order, read as they are iterated (stop when you have enough):
   * every stream named and every prefix is one range of the stream index, so a plan's streams are read
   * without scanning the log.
   */
  *readSelection(selection: StreamSelection, bounds: SelectionBounds): IterableIterator<StoredEvent> {
    const statement = this.selectionStatement(this.selections, selection, (where) =>
      this.db
        .prepare<unknown[], EventTuple>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where} AND position > ? AND recorded_at >= ? AND recorded_at <= ? ORDER BY position`,
        )
        .raw(true),
    );
    const params = [...selectionParams(selection), bounds.after, bounds.recordedFrom, bounds.recordedTo];
    for (const row of statement.iterate(...params)) yield toStored(row);
  }

  /**
   * The last event of some streams recorded by a time (the highest position among them), without reading
   * any event's data: a document names where it ends in the log, which must not cost a read of the
   * streams' whole history. The streams' last event is found in the stream index alone; only when it was
   * recorded after the time (a document of the past) are the streams' events read back from the end.
   */
  lastInSelection(selection: StreamSelection, recordedTo: string): { position: bigint; recordedAt: string } | undefined {
    const params = selectionParams(selection);
    const newest = this.selectionStatement(this.newestSelections, selection, (where) =>
      this.db.prepare<unknown[], { position: number | null }>(`SELECT max(position) AS position FROM events WHERE ${where}`),
    ).get(...params)?.position;
    if (newest === null || newest === undefined) return undefined;
    const newestAt = this.statements.recordedAt.get(newest)!.recorded_at;
    if (newestAt <= recordedTo) return { position: BigInt(newest), recordedAt: newestAt };
    const row = this.selectionStatement(this.lastSelections, selection, (where) =>
      this.db.prepare<unknown[], { position: number; recorded_at: string }>(
        `SELECT position, recorded_at FROM events WHERE ${where} AND recorded_at <= ? ORDER BY position DESC LIMIT 1`,
      ),
    ).get(...params, recordedTo);
    return row && { position: BigInt(row.position), recordedAt: row.recorded_at };
  }

  /** A selection's statement, prepared once per shape (how many streams and prefixes, which types). */
  private selectionStatement<S>(kept: Map<string, S>, { streams, prefixes, types }: StreamSelection, prepare: (where: string) => S): S {
    const shape = `${streams.length}/${prefixes.length}/${types.join(',')}`;
    let statement = kept.get(shape);
    if (!statement) {
      // Every stream named and every prefix is one range of the stream index.
      const ranges = [...streams.map(() => 'stream_id = ?'), ...prefixes.map(() => '(stream_id >= ? AND stream_id < ?)')];
      statement = prepare(`(${ranges.join(' OR ')}) AND type IN (${types.map(() => '?').join(', ')})`);
      kept.set(shape, statement);
    }
    return statement;
  }

  subscribe(options: SubscribeOptions, handler: EventHandler, onError?: (error: Error) => void): Subscription {
    return subscribeByPolling({
      fromPosition: options.fromPosition,
      read: async (after, max) => this.readAllSync({ after, maxCount: max }),
      waitForMore: (signal) =>
        new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            this.appended.off('appended', done);
            signal.removeEventListener('abort', done);
            resolve();
          };
          const timer = setTimeout(done, this.pollIntervalMs);
          this.appended.once('appended', done);
          signal.addEventListener('abort', done);
        }),
      handler,
      onError,
    });
  }

  async headPosition(): Promise<bigint> {
    const position = this.statements.head.get()?.position;
    return position === null || position === undefined ? -1n : BigInt(position);
  }

  async chainHead(): Promise<ChainHead> {
    const last = this.statements.chainHead.get();
    if (!last) return { position: -1n, hash: GENESIS };
    return { position: BigInt(last.position), hash: last.chain?.toString('hex') ?? null };
  }

  async chainAt(position: bigint): Promise<ChainHead | undefined> {
    const row = this.statements.chainAt.get(Number(position));
    return row && { position, hash: row.chain?.toString('hex') ?? null };
  }

  /**
   * The highest position the file ever gave an event (SQLite's AUTOINCREMENT counter, rolled back with
   * any append that fails): past the last event only when events were deleted from the end of the log.
   */
  highestPositionGiven(): bigint {
    const row = this.db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get();
    return row ? BigInt(row.seq) : -1n;
  }

  /** Commits the events in one transaction, all or none, through the same appender as every append. */
  async restore(events: readonly RestoredEvent[]): Promise<void> {
    if (this.closed) throw new EventStoreError('The event store is closed');
    if (events.length === 0) return;
    const malformed = malformedEvents(events);
    if (malformed) throw new EventStoreError(malformed);
    const requests = events.map(({ eventId, type, data, metadata, streamId, revision, recordedAt }) => ({
      streamId,
      events: [{ eventId, type, data, metadata }],
      expectedRevision: revision === 0 ? ('no-stream' as const) : revision - 1,
      recordedAt,
    }));
    const [outcome] = this.appender.commit([requests]);
    this.appended.emit('appended');
    if (outcome instanceof Error) throw outcome;
  }

  /**
   * Reads, then opens a write transaction and writes nothing in it: a file another process keeps locked,
   * or one the server may not write, is reported as the writes that would meet it are answered.
   */
  async ping(): Promise<void> {
    if (this.closed) throw new EventStoreError('The event store is closed');
    this.db.prepare('SELECT 1').get();
    const patience = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma(`busy_timeout = ${PROBE_WAIT_MS}`);
    try {
      this.db.exec('BEGIN IMMEDIATE; DELETE FROM schema_versions WHERE 0;');
    } catch (error) {
      throw storeTrouble(error, this.db.name) ?? error;
    } finally {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.db.pragma(`busy_timeout = ${patience}`);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.queue.length > 0) this.flush();
    this.closed = true;
    this.appended.emit('appended');
    this.db.close();
  }
}
