/**
 * The event-store port: the only way the rest of the product touches events.
 * Adapters: SQLite (embedded, default) and KurrentDB.
 */
export type ExpectedRevision = number | 'no-stream' | 'any';

export interface EventMetadata {
  actor?: { id: string; name?: string; role?: string; organisation?: string };
  effectiveOn?: string;
  correlationId?: string;
  causationId?: string;
  command?: string;
  [key: string]: unknown;
}

/** What a caller hands to `append`: the eventId is the caller's, which makes retries idempotent. */
export interface NewEvent<D = unknown> {
  /** A lower-case UUID (what KurrentDB requires and gives back), unique across the store. */
  eventId: string;
  type: string;
  data: D;
  metadata?: EventMetadata;
}

export interface StoredEvent<D = unknown> {
  eventId: string;
  type: string;
  data: D;
  metadata: EventMetadata;
  streamId: string;
  /** 0-based revision of the event in its stream. */
  revision: number;
  /** Global order across all streams, strictly increasing. */
  position: bigint;
  /** The product's clock when the event was appended (ISO 8601 UTC, with milliseconds), the same on every read path. */
  recordedAt: string;
  /**
   * The event's link in the log's hash chain (SHA-256, hex) as the store keeps it: only from `readAll` with
   * `links`, on a store that keeps links (the embedded one; null for a row written without one). A store
   * that keeps none (KurrentDB) leaves it out: there the chain is computed on read.
   */
  link?: string | null;
}

/** An exported event as `restore` takes it back: everything but the position, which the store gives. */
export type RestoredEvent = Omit<StoredEvent, 'position' | 'link'>;

/** The log's head: its last event's position and link, or -1 and the genesis link for an empty store. */
export interface ChainHead {
  position: bigint;
  /** SHA-256, hex; null when the last event was written without a link (verifying the log names it). */
  hash: string | null;
}

/** What a decision needs of a stored event: its revision, type and data (no metadata). */
export type RecordedFact<D = unknown> = Pick<StoredEvent<D>, 'revision' | 'type' | 'data'>;

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextRevision: number;
  /** Global position of the last event appended (or already stored, on an idempotent retry). */
  position: bigint;
}

/** One stream's part of an `appendMany`: its events, checked against its own expected revision. */
export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  expectedRevision: ExpectedRevision;
}

export interface ReadStreamOptions {
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /**
   * Only events with a position strictly greater than this one: a position the store gave (of an event, or
   * a head), so a reader pages on with the last position it saw. Omit to read from the beginning.
   */
  after?: bigint;
  maxCount?: number;
  /** With each event's link as the store keeps it (see StoredEvent.link): for verifying and exporting the log. */
  links?: boolean;
}

export interface SubscribeOptions {
  /** Deliver events with a position strictly greater than this one; omit to start at the beginning. */
  fromPosition?: bigint;
}

/**
 * A live subscription: catches up from `fromPosition`, then delivers new events as they are committed,
 * at least once, in position order. The handler's promise is awaited before the next event is delivered.
 */
export interface Subscription {
  /**
   * Resolves once every event of the backlog present at subscription time has been handled (its handler's
   * promise settled); rejects when the subscription fails or is stopped before that.
   */
  readonly caughtUp: Promise<void>;
  /** Resolves once no handler runs any more and none will be called again. */
  stop(): Promise<void>;
}

export type EventHandler = (event: StoredEvent) => Promise<void> | void;

export interface EventStore {
  append(streamId: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult>;
  /**
   * Appends to several streams at once, all or none: one stream whose expected revision does not match
   * rejects the whole batch with a WrongExpectedRevisionError naming it. An exact retry (the same event ids
   * at the same revisions) is answered as the first time. Results are in the order of the requests; a
   * stream may appear only once.
   */
  appendMany(requests: readonly StreamAppend[]): Promise<AppendResult[]>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** The stream's events as `readStream` gives them, without metadata: what folding a decider's state needs. */
  readStreamFacts(streamId: string, options?: ReadStreamOptions): Promise<RecordedFact[]>;
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /**
   * The event with this id in the stream, when it was appended with an idempotency key in its metadata
   * (`metadata.idempotencyKey`); undefined when the stream has no such event. The embedded store finds it
   * through an index, so a retried request costs the same at any stream length.
   */
  findKeyedEvent(streamId: string, eventId: string): Promise<StoredEvent | undefined>;
  /**
   * `onError` is told once when the subscription ends other than through `stop()`: a failure, or the store
   * ending it. Delivery has stopped then; subscribe again to resume.
   */
  subscribe(options: SubscribeOptions, handler: EventHandler, onError?: (error: Error) => void): Subscription;
  /** Last global position committed, or -1n for an empty store. */
  headPosition(): Promise<bigint>;
  /** The head of the log's hash chain: as stored (embedded store) or computed from the log (KurrentDB). */
  chainHead(): Promise<ChainHead>;
  /**
   * The chain as it stood at an event the store gave this position: its position and link (null when it was
   * written without one), or undefined when no event has that position. What a document names as the head
   * it reflects, so that the log behind it can be verified later.
   */
  chainAt(position: bigint): Promise<ChainHead | undefined>;
  /**
   * Appends exported events in their order, each keeping its id and recorded time: for an import into an
   * empty store. Each event must be the next revision of its stream, else a WrongExpectedRevisionError.
   */
  restore(events: readonly RestoredEvent[]): Promise<void>;
  /** Throws, saying why, when the store cannot be reached or cannot take writes just now. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

/** The stream's revision did not match the caller's expectation. The API answers 409. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no-stream',
  ) {
    super(`Stream ${streamId} is at revision ${actual}, expected ${expected}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/**
 * Why a multi-stream append is malformed (no streams, a stream without events or named twice, an event id
 * that is not a lower-case UUID), or undefined.
 */
export function malformedAppendMany(requests: readonly StreamAppend[]): string | undefined {
  if (requests.length === 0) return 'A multi-stream append needs at least one stream';
  const seen = new Set<string>();
  for (const { streamId, events } of requests) {
    if (events.length === 0) return `The append to ${streamId} has no events`;
    const malformed = malformedEvents(events);
    if (malformed) return malformed;
    if (seen.has(streamId)) return `${streamId} appears twice in one multi-stream append`;
    seen.add(streamId);
  }
  return undefined;
}

/** An event id reused for a different event, or an append the store refused outright. */
export class EventStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventStoreError';
  }
}

/**
 * The store could not be reached, or did not answer in time: our trouble, not the caller's, and worth a
 * retry later (the API answers 503). `unconfirmed` marks an append that may have been recorded all the same.
 */
export class StoreUnavailableError extends Error {
  constructor(
    message: string,
    readonly unconfirmed = false,
  ) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/** An append sent but never confirmed, in the words every store uses: `why` says what happened first. */
export const unconfirmedAppend = (why: string): StoreUnavailableError =>
  new StoreUnavailableError(
    `${why} before confirming this change, so it may have been recorded. Retry it with the same Idempotency-Key: it is then recorded once.`,
    true,
  );

const LOWER_CASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Why a store refuses these events before trying to append them, or undefined. */
export function malformedEvents(events: readonly NewEvent[]): string | undefined {
  if (events.length === 0) return 'An append needs at least one event';
  const bad = events.find((e) => !LOWER_CASE_UUID.test(e.eventId));
  return bad ? `Event id "${bad.eventId}" is not a lower-case UUID` : undefined;
}
