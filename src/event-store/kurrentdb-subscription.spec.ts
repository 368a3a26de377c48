import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Metadata } from '@grpc/grpc-js';
import { callErrorFromStatus } from '@grpc/grpc-js/build/src/call';
import type { AllStreamSubscription } from '@kurrent/kurrentdb-client';
// What the client's subscribeToAll builds: its own Subscription stream, fed by a gRPC call, its messages
// converted by its own code.
import { Subscription as ClientSubscription } from '@kurrent/kurrentdb-client/dist/streams/utils/Subscription';
import { convertGrpcEvent } from '@kurrent/kurrentdb-client/dist/utils/convertGrpcEvent';
import { ReadResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { StreamIdentifier, UUID } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { StoredEvent, StoreUnavailableError } from './event-store.port';
import { consumeSubscription } from './kurrentdb-subscription';

const CANCELLED = 1;
const UNKNOWN = 2;
const UNAVAILABLE = 14;

type Status = { code: number; details: string };

/**
 * The gRPC call under the client's Subscription, as @grpc/grpc-js behaves: messages are pushed while its
 * reader wants more (so at most a buffer ahead), a status ends the stream then, unless OK, emits it as an
 * error; cancel() ends the call at once with CANCELLED.
 */
class ServerCall extends Readable {
  private readonly queue: Array<ReadResp | Status> = [];
  private wanted = false;
  cancelled = false;

  constructor() {
    super({ objectMode: true });
  }

  override _read(): void {
    this.wanted = true;
    this.pump();
  }

  send(...messages: ReadResp[]): void {
    this.queue.push(...messages);
    this.pump();
  }

  finish(code: number, details: string): void {
    this.queue.push({ code, details });
    this.pump();
  }

  cancel(): void {
    this.cancelled = true;
    this.queue.splice(0, this.queue.length, { code: CANCELLED, details: 'Cancelled on client' });
    this.end({ code: CANCELLED, details: 'Cancelled on client' });
  }

  private pump(): void {
    while (this.wanted && this.queue.length > 0) {
      const next = this.queue.shift()!;
      if (next instanceof ReadResp) this.wanted = this.push(next);
      else this.end(next);
    }
  }

  private end(status: Status): void {
    this.queue.length = 0;
    this.push(null);
    if (status.code !== 0) this.emit('error', callErrorFromStatus({ ...status, metadata: new Metadata() }, ''));
    this.emit('status', status);
  }
}

let nextPosition = 1_000n;

function eventMessage(streamId: string, revision: number): ReadResp {
  const position = String((nextPosition += 173n));
  const record = new ReadResp.ReadEvent.RecordedEvent();
  record.setId(new UUID().setString(randomUUID()));
  record.setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(streamId)));
  record.setStreamRevision(String(revision));
  record.setCommitPosition(position);
  record.setPreparePosition(position);
  record.getMetadataMap().set('type', 'IndicatorValueRecorded').set('content-type', 'application/json').set('created', '638650000000000000');
  record.setData(Buffer.from(JSON.stringify({ n: revision })));
  record.setCustomMetadata(Buffer.from(JSON.stringify({ recordedAt: '2025-10-14T09:30:00.123Z' })));
  const event = new ReadResp.ReadEvent();
  event.setEvent(record);
  event.setCommitPosition(position);
  return new ReadResp().setEvent(event);
}

const events = (count: number, streamId = 'indicator-halton/cic') => Array.from({ length: count }, (_, i) => eventMessage(streamId, i));
const caughtUpMessage = () => new ReadResp().setCaughtUp(new ReadResp.CaughtUp());
const confirmation = () => new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId('sub-1'));
const positionOf = (message: ReadResp) => BigInt(message.getEvent()!.getEvent()!.getCommitPosition());

/** The client's Subscription on a call the test plays the server's part of. */
function subscription(call: ServerCall | Promise<never> = new ServerCall()) {
  const stream = new ClientSubscription(
    () => (call instanceof ServerCall ? Promise.resolve(call as never) : call),
    convertGrpcEvent,
    {},
  ) as unknown as AllStreamSubscription;
  return { call: call as ServerCall, stream };
}

const never = new Promise<bigint>(() => undefined);
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await tick(5);
  if (!condition()) throw new Error(`${what} did not happen`);
}

describe('KurrentDB subscription', () => {
  it('resolves caughtUp only once the events the server sent before it caught up were all handled, well past the client’s buffer', async () => {
    const { call, stream } = subscription();
    const handled: StoredEvent[] = [];
    let handledWhenCaughtUp = -1;
    const consumed = consumeSubscription(stream, {
      head: never,
      handler: async (event) => {
        await tick(1);
        handled.push(event);
      },
    });
    void consumed.caughtUp.then(() => (handledWhenCaughtUp = handled.length));
    call.send(confirmation(), ...events(40), caughtUpMessage());
    await consumed.caughtUp;
    expect(handledWhenCaughtUp).toBe(40);
    expect(handled[39]!.recordedAt).toBe('2025-10-14T09:30:00.123Z');
    call.send(...events(2, 'indicator-halton/placements'));
    await until(() => handled.length === 42, 'live delivery');
    await consumed.stop();
  });

  it('resolves caughtUp from the head it read when the server never says it caught up (before 23.10)', async () => {
    const { call, stream } = subscription();
    const backlog = events(5);
    let resolveHead: (position: bigint) => void = () => undefined;
    const head = new Promise<bigint>((resolve) => (resolveHead = resolve));
    let handled = 0;
    let caughtUp = false;
    const consumed = consumeSubscription(stream, { head, handler: () => void (handled += 1) });
    void consumed.caughtUp.then(() => (caughtUp = true));
    resolveHead(positionOf(backlog[4]!));
    call.send(...backlog.slice(0, 4));
    await until(() => handled === 4, 'four events handled');
    await tick(10);
    expect(caughtUp).toBe(false);
    call.send(backlog[4]!);
    await consumed.caughtUp;
    expect(handled).toBe(5);
    await consumed.stop();
  });

  it('resolves caughtUp at once when nothing lies after the position it starts from', async () => {
    const { stream } = subscription();
    const consumed = consumeSubscription(stream, { from: 5_000n, head: Promise.resolve(5_000n), handler: () => undefined });
    await consumed.caughtUp;
    await consumed.stop();
  });

  it('reports a failure of the server once, rejects caughtUp with it, and delivers nothing after', async () => {
    const { call, stream } = subscription();
    const onError = jest.fn();
    const handled: StoredEvent[] = [];
    const consumed = consumeSubscription(stream, { from: 1_001n, head: never, handler: (e) => void handled.push(e), onError });
    call.send(...events(3));
    call.finish(UNKNOWN, 'Invalid position: 1001');
    await expect(consumed.caughtUp).rejects.toThrow('Invalid position: 1001');
    await until(() => onError.mock.calls.length > 0, 'the failure reported');
    await tick(20);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0].message).toMatch('Invalid position: 1001');
    await consumed.stop();
    expect(handled.length).toBeLessThanOrEqual(3);
  });

  it('reports a lost connection as the store being unavailable', async () => {
    const { call, stream } = subscription();
    let reported: (error: Error) => void = () => undefined;
    const failed = new Promise<Error>((resolve) => (reported = resolve));
    const consumed = consumeSubscription(stream, { head: never, handler: () => undefined, onError: reported });
    call.send(...events(2), caughtUpMessage());
    await consumed.caughtUp;
    call.finish(UNAVAILABLE, 'Connection dropped');
    const error = await failed;
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.message).toBe('The event store did not answer to the subscription: 14 UNAVAILABLE: Connection dropped');
    await consumed.stop();
  });

  it('reports a subscription the server ends without an error, so projections never stop while saying they are live', async () => {
    const { call, stream } = subscription();
    const onError = jest.fn();
    const consumed = consumeSubscription(stream, { head: never, handler: () => undefined, onError });
    call.send(...events(2), caughtUpMessage());
    await consumed.caughtUp;
    call.finish(0, 'OK');
    await until(() => onError.mock.calls.length > 0, 'the end reported');
    expect(onError.mock.calls[0]![0]).toEqual(new StoreUnavailableError('The event store ended the subscription'));
    await consumed.stop();
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('takes an error the stream emits as soon as it is created, before any event, without it escaping as uncaught', async () => {
    const refused = Promise.reject(new Error('No connection established'));
    refused.catch(() => undefined);
    const { stream } = subscription(refused);
    let reported: (error: Error) => void = () => undefined;
    const failed = new Promise<Error>((resolve) => (reported = resolve));
    const consumed = consumeSubscription(stream, { head: never, handler: () => undefined, onError: reported });
    expect((await failed).message).toBe('No connection established');
    await expect(consumed.caughtUp).rejects.toThrow('No connection established');
    await consumed.stop();
  });

  it('stops mid-backlog: waits for the handler at work, cancels the call, delivers nothing more, reports nothing', async () => {
    const { call, stream } = subscription();
    const onError = jest.fn();
    const handled: number[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const consumed = consumeSubscription(stream, {
      head: never,
      handler: async (event) => {
        handled.push(event.revision);
        if (event.revision === 2) await gate;
      },
      onError,
    });
    call.send(...events(30));
    await until(() => handled.length === 3, 'the third event at work');
    const stopping = consumed.stop();
    await tick(10);
    release();
    await stopping;
    expect(call.cancelled).toBe(true);
    await expect(consumed.caughtUp).rejects.toThrow('The subscription was stopped before it caught up');
    call.send(...events(3, 'indicator-halton/late'));
    await tick(20);
    expect(handled).toEqual([0, 1, 2]);
    expect(onError).not.toHaveBeenCalled();
  });
});
