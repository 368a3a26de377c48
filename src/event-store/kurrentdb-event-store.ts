import {
  BACKWARDS,
  END,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  UnsupportedError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  type AppendStreamRequest,
  type EventData,
  type RecordedEvent,
} from '@kurrent/kurrentdb-client';
import { ChainFollower } from './chain-follower';
import {
  AppendResult,
  ChainHead,
  EventHandler,
  EventStore,
  EventStoreError,
  ExpectedRevision,
  malformedAppendMany,
  malformedEvents,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedFact,
  RestoredEvent,
  StoredEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from './event-store.port';
import { actualOf, alreadyAppended, Attempt, ManyAttempt, toStreamState, withOneRetry } from './kurrentdb-append';
import { toStoreError, withDeadline } from './kurrentdb-errors';
import { at, fromAll, readAfter, toProposed, toStored } from './kurrentdb-records';
import { consumeSubscription } from './kurrentdb-subscription';

export interface KurrentDbTimeouts {
  /** A ping, as `/health` makes it. */
  pingMs: number;
  /** A read: a stream, a page of the log, the head. */
  readMs: number;
  /** One attempt of an append (an append that gets no answer is tried once more). */
  appendMs: number;
}

export interface KurrentDbEventStoreOptions {
  /** The product's clock: it stamps `recordedAt` on every event appended. */
  clock?: () => Date;
  timeouts?: Partial<KurrentDbTimeouts>;
}

const DEFAULT_TIMEOUTS: KurrentDbTimeouts = { pingMs: 2000, readMs: 5000, appendMs: 5000 };
/** How long close() waits for a channel still being opened (a cluster's node still being discovered). */
const CLOSE_MS = 1000;

/** The gRPC channel the client opens its calls on: it has no public way to close it. */
interface Channel {
  close(): void;
}
interface ChannelOwner {
  getChannel(): Promise<Channel>;
}

/**
 * The KurrentDB / EventStoreDB adapter. Positions are `$all` commit positions: where an event's record starts
 * in the server's log, so only a position the server gave may be read from. `recordedAt` is stamped from the
 * product's clock into each event's metadata. Every call has a deadline, and an append that gets no answer
 * is tried once more with the same event ids, which the server answers as the first time if it had recorded it.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly clock: () => Date;
  private readonly timeouts: KurrentDbTimeouts;
  /** The gRPC channels appends and subscriptions opened (reads go through the client's native bridge). */
  private readonly channels = new Set<Promise<Channel | undefined>>();
  /** The hash chain, computed from `$all` as far as it was last asked for (the server keeps no links). */
  private readonly chain = new ChainFollower((after, maxCount) => this.readAll({ ...(after === undefined ? {} : { after }), maxCount }));

  constructor(connectionString: string, options: KurrentDbEventStoreOptions = {}) {
    this.client = KurrentDBClient.connectionString(connectionString.replace(/^esdb(\+discover)?:/, 'kurrentdb$1:'));
    this.clock = options.clock ?? (() => new Date());
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  }

  async append(streamId: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    const malformed = malformedEvents(events);
    if (malformed) throw new EventStoreError(malformed);
    const recordedAt = this.clock().toISOString();
    return this.appendProposed(streamId, events, (event) => toProposed(event, recordedAt), options.expectedRevision);
  }

  /** Appends consecutive events of one stream together, each stamped with the instant it was first recorded. */
  async restore(events: readonly RestoredEvent[]): Promise<void> {
    const malformed = events.length === 0 ? undefined : malformedEvents(events);
    if (malformed) throw new EventStoreError(malformed);
    for (let start = 0; start < events.length; ) {
      let end = start + 1;
      while (end < events.length && events[end]!.streamId === events[start]!.streamId && events[end]!.revision === events[end - 1]!.revision + 1) end++;
      const run = events.slice(start, end);
      const first = run[0]!;
      await this.appendProposed(first.streamId, run, (event) => toProposed(event, (event as RestoredEvent).recordedAt), first.revision === 0 ? 'no-stream' : first.revision - 1);
      start = end;
    }
  }

  private async appendProposed(
    streamId: string,
    events: readonly NewEvent[],
    propose: (event: NewEvent) => EventData,
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const proposed = events.map(propose);
    const { outcome, retried } = await withOneRetry(() => this.appendOnce(streamId, proposed, expectedRevision), `to an append to ${streamId}`);
    if (outcome.kind === 'appended') {
      const nextRevision = Number(outcome.nextRevision);
      return { nextRevision, position: outcome.position ?? (await this.positionAt(streamId, nextRevision)) };
    }
    // After a retry, the conflict may be with the first attempt's own events: then the append is done.
    const done = retried ? await alreadyAppended(this, streamId, events, expectedRevision) : undefined;
    if (done) return done;
    throw new WrongExpectedRevisionError(streamId, expectedRevision, outcome.actual ?? (await this.currentRevision(streamId)));
  }

  /** Needs KurrentDB 25.1 or later (multi-stream append); an older server refuses it with the client's UnsupportedError. */
  async appendMany(requests: readonly StreamAppend[]): Promise<AppendResult[]> {
    const malformed = malformedAppendMany(requests);
    if (malformed) throw new EventStoreError(malformed);
    const recordedAt = this.clock().toISOString();
    const appends: AppendStreamRequest[] = requests.map(({ streamId, events, expectedRevision }) => ({
      streamName: streamId,
      expectedState: toStreamState(expectedRevision),
      events: events.map((event) => toProposed(event, recordedAt, true)),
    }));
    const { outcome } = await withOneRetry(() => this.appendManyOnce(appends), 'to a multi-stream append');
    if (outcome.kind === 'conflict') {
      // An exact retry (ours after no answer, or a caller's) conflicts with its own events: it is done.
      const done = await this.allAlreadyAppended(requests);
      if (done) return done;
      const refused = requests.find((r) => r.streamId === outcome.streamId);
      const actual = outcome.actual ?? (await this.currentRevision(outcome.streamId));
      throw new WrongExpectedRevisionError(outcome.streamId, refused?.expectedRevision ?? 'any', actual);
    }
    const revisions = new Map(outcome.result.responses.map((r) => [r.streamName, Number(r.revision)]));
    const missing = requests.find((r) => !revisions.has(r.streamId));
    if (missing) throw new EventStoreError(`The event store confirmed a multi-stream append without ${missing.streamId}`);
    return Promise.all(
      requests.map(async ({ streamId }) => {
        const nextRevision = revisions.get(streamId)!;
        const position = outcome.result.position > 0n ? outcome.result.position : await this.positionAt(streamId, nextRevision);
        return { nextRevision, position };
      }),
    );
  }

  private async appendOnce(streamId: string, events: EventData[], expected: ExpectedRevision): Promise<Attempt> {
    const { appendMs } = this.timeouts;
    const appending = this.client.appendToStream(streamId, events, { streamState: toStreamState(expected), deadline: appendMs });
    this.keepChannel();
    try {
      const result = await withDeadline(appending, appendMs, `to an append to ${streamId}`);
      // With throwOnAppendFailure=false in the connection string the client answers a conflict this way,
      // and not always with the stream's revision.
      if (!result.success) return { kind: 'conflict' };
      return { kind: 'appended', nextRevision: result.nextExpectedRevision, position: result.position?.commit };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      return { kind: 'conflict', actual: actualOf(error) };
    }
  }

  private async appendManyOnce(appends: AppendStreamRequest[]): Promise<ManyAttempt> {
    const appending = this.client.multiStreamAppend(appends);
    this.keepChannel();
    try {
      return { kind: 'appended', result: await withDeadline(appending, this.timeouts.appendMs, 'to a multi-stream append') };
    } catch (error) {
      if (error instanceof UnsupportedError) {
        throw new EventStoreError('Recording changes to several streams at once needs KurrentDB 25.1 or later; this server is older');
      }
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      return { kind: 'conflict', streamId: error.streamName, actual: actualOf(error) };
    }
  }

  /** Every stream of a multi-stream append already holds its events at the revisions expected: its results. */
  private async allAlreadyAppended(requests: readonly StreamAppend[]): Promise<AppendResult[] | undefined> {
    const results: AppendResult[] = [];
    for (const { streamId, events, expectedRevision } of requests) {
      const done = await alreadyAppended(this, streamId, events, expectedRevision);
      if (!done) return undefined;
      results.push(done);
    }
    return results;
  }

  /** The stream's last revision, read now: the client reports a conflict with the wrong one in some cases. */
  private async currentRevision(streamId: string): Promise<number | 'no-stream'> {
    const [last] = await this.readEvents(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    return last ? last.revision : 'no-stream';
  }

  private async positionAt(streamId: string, revision: number): Promise<bigint> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new EventStoreError(`The event store confirmed revision ${revision} of ${streamId} but does not have it`);
    return event.position;
  }

  /** KurrentDB finds events by stream and revision only, so the stream is read until the event is met. */
  async findKeyedEvent(streamId: string, eventId: string): Promise<StoredEvent | undefined> {
    const found = (await this.readStream(streamId)).find((event) => event.eventId === eventId);
    return found && found.metadata.idempotencyKey !== undefined ? found : undefined;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    return this.readEvents(streamId, {
      fromRevision: BigInt(options.fromRevision ?? 0),
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
    });
  }

  private readEvents(streamId: string, options: Parameters<KurrentDBClient['readStream']>[1]): Promise<StoredEvent[]> {
    const read = async () => {
      const events: StoredEvent[] = [];
      try {
        for await (const resolved of this.client.readStream(streamId, options)) {
          if (resolved.event) events.push(toStored(resolved.event as RecordedEvent, resolved.event.position?.commit ?? resolved.commitPosition));
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      }
      return events;
    };
    return this.withinReadLimit(read(), `to a read of ${streamId}`);
  }

  async readStreamFacts(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedFact[]> {
    return (await this.readStream(streamId, options)).map(({ revision, type, data }) => ({ revision, type, data }));
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const read = readAfter(
      (from, maxCount) => this.client.readAll({ fromPosition: from, filter: excludeSystemEvents(), ...(maxCount !== undefined ? { maxCount } : {}) }),
      options.after,
      options.maxCount,
    );
    return this.withinReadLimit(read, 'to a read of the log');
  }

  subscribe(options: SubscribeOptions, handler: EventHandler, onError?: (error: Error) => void): Subscription {
    const from = options.fromPosition === undefined || options.fromPosition < 0n ? undefined : options.fromPosition;
    // A subscription from a position starts after it.
    const stream = this.client.subscribeToAll({ fromPosition: from === undefined ? START : at(from), filter: excludeSystemEvents() });
    this.keepChannel();
    return consumeSubscription(stream, { ...(from !== undefined ? { from } : {}), head: this.headPosition(), handler, ...(onError ? { onError } : {}) });
  }

  chainHead(): Promise<ChainHead> {
    return this.chain.head();
  }

  chainAt(position: bigint): Promise<ChainHead | undefined> {
    return this.chain.at(position);
  }

  async headPosition(): Promise<bigint> {
    const [last] = await this.withinReadLimit(this.lastOfLog(), 'to a read of the head');
    return last?.position ?? -1n;
  }

  async ping(): Promise<void> {
    await withDeadline(this.lastOfLog(), this.timeouts.pingMs, 'to a ping').catch((error: unknown) => {
      throw toStoreError(error, 'to a ping');
    });
  }

  private async lastOfLog(): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, filter: excludeSystemEvents() })) {
      const event = fromAll(resolved);
      if (event) events.push(event);
    }
    return events;
  }

  private withinReadLimit<T>(read: Promise<T>, doing: string): Promise<T> {
    return withDeadline(read, this.timeouts.readMs, doing).catch((error: unknown) => {
      throw toStoreError(error, doing);
    });
  }

  /** Notes the channel the call just started opened, to close it with the store (the client only cancels calls). */
  private keepChannel(): void {
    this.channels.add((this.client as unknown as ChannelOwner).getChannel().catch(() => undefined));
  }

  async close(): Promise<void> {
    await this.client.dispose();
    const channels = await withDeadline(Promise.all(this.channels), CLOSE_MS, 'to a close').catch(() => []);
    for (const channel of channels) channel?.close();
    this.channels.clear();
  }
}
