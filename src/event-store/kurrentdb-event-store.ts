import {
  ANY,
  AllStreamResolvedEvent,
  BACKWARDS,
  END,
  KurrentDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  UnsupportedError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AppendStreamRequest,
  type AppendStreamState,
  type JSONType,
  type Position,
  type RecordedEvent,
} from '@kurrent/kurrentdb-client';
import {
  AppendResult,
  EventHandler,
  EventMetadata,
  EventStore,
  EventStoreError,
  ExpectedRevision,
  malformedAppendMany,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedFact,
  StoredEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from './event-store.port';

const at = (position: bigint): Position => ({ commit: position, prepare: position });

const toStreamState = (expected: ExpectedRevision): AppendStreamState =>
  expected === 'any' ? ANY : expected === 'no-stream' ? NO_STREAM : BigInt(expected);

/**
 * A multi-stream append takes metadata of string values only, so there the whole metadata travels as one
 * JSON string under this property, and is read back as it was given.
 */
const METADATA_PROPERTY = 'tracker-metadata';

const metadataOf = (event: RecordedEvent): EventMetadata => {
  const raw = (event.metadata ?? {}) as Record<string, unknown>;
  const packed = raw[METADATA_PROPERTY];
  return (typeof packed === 'string' ? JSON.parse(packed) : raw) as EventMetadata;
};

function toStored(event: RecordedEvent, position: bigint | undefined): StoredEvent {
  return {
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata: metadataOf(event),
    streamId: event.streamId,
    revision: Number(event.revision),
    position: position ?? -1n,
    recordedAt: event.created.toISOString(),
  };
}

const fromAll = (resolved: AllStreamResolvedEvent): StoredEvent | undefined =>
  resolved.event ? toStored(resolved.event as RecordedEvent, resolved.event.position?.commit) : undefined;

/**
 * The KurrentDB / EventStoreDB adapter. Positions are `$all` commit positions; recordedAt is the server's
 * `created` time. KurrentDB itself makes an append with a known expected revision idempotent on event ids.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;

  constructor(connectionString: string) {
    this.client = KurrentDBClient.connectionString(connectionString.replace(/^esdb(\+discover)?:/, 'kurrentdb$1:'));
  }

  async append(streamId: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) =>
          jsonEvent({ id: e.eventId, type: e.type, data: (e.data ?? null) as JSONType, metadata: (e.metadata ?? {}) as JSONType }),
        ),
        { streamState: toStreamState(options.expectedRevision) },
      );
      return { nextRevision: Number(result.nextExpectedRevision), position: result.position?.commit ?? -1n };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = typeof error.actualState === 'bigint' ? Number(error.actualState) : 'no-stream';
        throw new WrongExpectedRevisionError(streamId, options.expectedRevision, actual);
      }
      throw error;
    }
  }

  /** Needs KurrentDB 25.1 or later (multi-stream append); an older server refuses it with the client's UnsupportedError. */
  async appendMany(requests: readonly StreamAppend[]): Promise<AppendResult[]> {
    const malformed = malformedAppendMany(requests);
    if (malformed) throw new EventStoreError(malformed);
    const appends: AppendStreamRequest[] = requests.map(({ streamId, events, expectedRevision }) => ({
      streamName: streamId,
      expectedState: toStreamState(expectedRevision),
      events: events.map((e) =>
        jsonEvent({
          id: e.eventId,
          type: e.type,
          data: (e.data ?? null) as JSONType,
          metadata: { [METADATA_PROPERTY]: JSON.stringify(e.metadata ?? {}) },
        }),
      ),
    }));
    try {
      const result = await this.client.multiStreamAppend(appends);
      const revisions = new Map(result.responses.map((r) => [r.streamName, Number(r.revision)]));
      return requests.map(({ streamId }) => ({ nextRevision: revisions.get(streamId) ?? -1, position: result.position }));
    } catch (error) {
      if (error instanceof UnsupportedError) {
        throw new EventStoreError('Recording changes to several streams at once needs KurrentDB 25.1 or later; this server is older');
      }
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const retried = await this.alreadyAppended(requests);
      if (retried) return retried;
      const refused = requests.find((r) => r.streamId === error.streamName);
      const actual = typeof error.actualState === 'bigint' ? Number(error.actualState) : 'no-stream';
      throw new WrongExpectedRevisionError(error.streamName, refused?.expectedRevision ?? 'any', actual);
    }
  }

  /** An exact retry of a multi-stream append: every stream holds its events at the revisions expected. */
  private async alreadyAppended(requests: readonly StreamAppend[]): Promise<AppendResult[] | undefined> {
    const results: AppendResult[] = [];
    for (const { streamId, events, expectedRevision } of requests) {
      if (expectedRevision === 'any') return undefined;
      const first = expectedRevision === 'no-stream' ? 0 : expectedRevision + 1;
      const stored = await this.readStream(streamId, { fromRevision: first, maxCount: events.length });
      if (stored.length !== events.length || stored.some((e, i) => e.eventId !== events[i]!.eventId)) return undefined;
      results.push({ nextRevision: first + events.length - 1, position: stored[stored.length - 1]!.position });
    }
    return results;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: BigInt(options.fromRevision ?? 0),
        ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
      })) {
        if (resolved.event) events.push(toStored(resolved.event as RecordedEvent, resolved.commitPosition));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readStreamFacts(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedFact[]> {
    return (await this.readStream(streamId, options)).map(({ revision, type, data }) => ({ revision, type, data }));
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const resolved of this.client.readAll({
      fromPosition: options.fromPosition === undefined ? START : at(options.fromPosition),
      filter: excludeSystemEvents(),
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
    })) {
      const event = fromAll(resolved);
      if (event) events.push(event);
    }
    return events;
  }

  subscribe(options: SubscribeOptions, handler: EventHandler, onError?: (error: Error) => void): Subscription {
    const subscription = this.client.subscribeToAll({
      fromPosition: options.fromPosition === undefined ? START : at(options.fromPosition),
      filter: excludeSystemEvents(),
    });
    let stopped = false;
    let markCaughtUp: () => void = () => undefined;
    const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
    subscription.once('caughtUp', () => markCaughtUp());
    const headAtStart = this.headPosition();

    const running = (async () => {
      const head = await headAtStart;
      if (head <= (options.fromPosition ?? -1n)) markCaughtUp();
      for await (const resolved of subscription) {
        const event = fromAll(resolved);
        if (!event) continue;
        await handler(event);
        if (event.position >= head) markCaughtUp();
      }
    })().catch((error: unknown) => {
      if (!stopped) onError?.(error instanceof Error ? error : new Error(String(error)));
    });

    return {
      caughtUp,
      stop: async () => {
        stopped = true;
        await subscription.unsubscribe();
        await running;
      },
    };
  }

  async headPosition(): Promise<bigint> {
    for await (const resolved of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
      filter: excludeSystemEvents(),
    })) {
      return resolved.event?.position?.commit ?? -1n;
    }
    return -1n;
  }

  async ping(): Promise<void> {
    for await (const _ of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, deadline: 2000 })) {
      return;
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
