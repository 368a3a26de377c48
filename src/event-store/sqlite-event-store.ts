import type Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import {
  AppendResult,
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
  StoredEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from './event-store.port';
import { subscribeByPolling } from './polling-subscription';
import { openSqlite, SqliteAppender } from './sqlite-appender';
import { SQLITE_EVENT_STORE_MIGRATIONS, migrate } from './sqlite-schema';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:'. */
  path: string;
  /** The store's clock, injectable so tests can record facts at chosen instants. */
  clock?: () => Date;
  /** `FULL` (default) makes every commit durable; `NORMAL` trades the last commits on power loss for speed. */
  synchronous?: 'FULL' | 'NORMAL';
  /** How often a subscription looks for events appended by another process (ms). */
  pollIntervalMs?: number;
  /**
   * For the server: let its projection thread (a file store, in the compiled program) commit the appends
   * as well as feed the read models, so the thread answering requests spends no time on inserts, log
   * writes and fsync, and one connection does all the writing. See `appendThrough`.
   */
  writerThread?: boolean;
}

/** Another thread that commits appends to this store's file (the projection thread). */
export interface AppendChannel {
  append(request: StreamAppend): Promise<AppendResult>;
  appendMany(requests: readonly StreamAppend[]): Promise<AppendResult[]>;
}

/** A row of the events table, as the read models that read it in place see it (its columns: EVENT_COLUMNS). */
export interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

/** An append, or a multi-stream append (`requests`), waiting for its group commit; stamped with the store's clock then. */
type PendingAppend =
  | { request: StreamAppend; resolve: (result: AppendResult) => void; reject: (error: Error) => void }
  | { requests: readonly StreamAppend[]; resolve: (results: AppendResult[]) => void; reject: (error: Error) => void };

/** The columns of EventRow in order, for statements that return rows as arrays. */
const EVENT_COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';
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

/**
 * The embedded event store. Appends that arrive in the same turn of the event loop are committed in one
 * transaction (group commit), each kept or refused on its own, so one writer's conflict never affects another's.
 * Through an append channel the commits run on another thread; reads always use this thread's connection.
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
  private channel?: AppendChannel;
  /** True when the server should commit appends on its projection thread (see the option). */
  readonly writerThread: boolean;

  constructor(options: SqliteEventStoreOptions) {
    this.db = openSqlite(options.path, options.synchronous ?? 'FULL');
    migrate(this.db, 'event_store', SQLITE_EVENT_STORE_MIGRATIONS);
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
      // Rows as arrays: a cold command reads a stream of dozens of events, and objects cost 12% more here.
      readStreamFacts: this.db
        .prepare<[string, number, number], [number, string, string]>(
          'SELECT revision, type, data FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
        )
        .raw(true),
      // Rows as arrays (as for every read of events here): reading the log, as projections and a rebuild do,
      // costs a fifth less than with an object per row.
      readAll: this.db
        .prepare<[number, number], EventTuple>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
        .raw(true),
      head: this.db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
    };
    this.writerThread = options.writerThread === true && options.path !== ':memory:';
  }

  /** From now on appends are committed by the channel (another thread on this file); undefined: on this thread. */
  appendThrough(channel: AppendChannel | undefined): void {
    this.channel = channel;
  }

  append(streamId: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new EventStoreError('The event store is closed'));
    const malformed = malformedEvents(events);
    if (malformed) return Promise.reject(new EventStoreError(malformed));
    const request = { streamId, events, expectedRevision: options.expectedRevision };
    if (this.channel) {
      const appended = () => this.appended.emit('appended');
      return this.channel.append(request).finally(appended);
    }
    return new Promise((resolve, reject) => this.enqueue({ request, resolve, reject }));
  }

  /** Joins the group commit as one unit: its streams are kept all or none, the other appends on their own. */
  appendMany(requests: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (this.closed) return Promise.reject(new EventStoreError('The event store is closed'));
    const malformed = malformedAppendMany(requests);
    if (malformed) return Promise.reject(new EventStoreError(malformed));
    if (this.channel) {
      const appended = () => this.appended.emit('appended');
      return this.channel.appendMany(requests).finally(appended);
    }
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
      const failure = error instanceof Error ? error : new EventStoreError(String(error));
      batch.forEach((pending) => pending.reject(failure));
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if (outcome instanceof Error) pending.reject(outcome);
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

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.readAllSync(options);
  }

  readAllSync(options: ReadAllOptions = {}): StoredEvent[] {
    return this.statements.readAll.all(Number(options.after ?? -1n), options.maxCount ?? -1).map(toStored);
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

  async ping(): Promise<void> {
    if (this.closed) throw new EventStoreError('The event store is closed');
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.queue.length > 0) this.flush();
    this.closed = true;
    this.appended.emit('appended');
    this.db.close();
  }
}
