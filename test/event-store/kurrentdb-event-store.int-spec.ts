import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import type { StartedTestContainer } from 'testcontainers';
import { EventStoreError, NewEvent, StoreUnavailableError, WrongExpectedRevisionError } from '../../src/event-store/event-store.port';
import { KurrentDbEventStore } from '../../src/event-store/kurrentdb-event-store';
import { closedPort, silentServer } from '../support/dead-hosts';
import { grpcNode, UNAVAILABLE, UNIMPLEMENTED } from '../support/grpc-node';
import { KURRENTDB_IMAGE } from '../support/kurrentdb-image';
import { eventStoreContract } from './event-store.contract';

function dockerEngineAnswers(): boolean {
  try {
    execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: 'pipe', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

const configured = process.env.KURRENTDB_CONNECTION_STRING;
const viaDocker = !configured && dockerEngineAnswers();
const newEvent = (type = 'PlanCreated'): NewEvent => ({ eventId: randomUUID(), type, data: { planId: 'halton' } });

if (configured || viaDocker) {
  let container: StartedTestContainer | undefined;
  let connectionString = configured ?? '';
  eventStoreContract(
    `KurrentDB (${configured ? 'KURRENTDB_CONNECTION_STRING' : KURRENTDB_IMAGE})`,
    async () => {
      if (!configured) {
        const { GenericContainer, Wait } = await import('testcontainers');
        container = await new GenericContainer(KURRENTDB_IMAGE)
          .withEnvironment({ KURRENTDB_INSECURE: 'true', KURRENTDB_CLUSTER_SIZE: '1' })
          .withExposedPorts(2113)
          .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
          .withStartupTimeout(120_000)
          .start();
        connectionString = `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
      }
      let now: Date | undefined;
      const store = new KurrentDbEventStore(connectionString, { clock: () => now ?? new Date() });
      return { store, clockIsInjected: true, setClock: (at: Date) => (now = at) };
    },
    async (ctx) => {
      await ctx.store.close();
      await container?.stop();
    },
    // The pinned image (26.0) has multi-stream appends (KurrentDB 25.1 and later).
    { invalidPositions: true },
  );

  describe('KurrentDB with throwOnAppendFailure=false in its connection string', () => {
    it('still refuses a stale expected revision as a conflict, naming the revision, and stores nothing', async () => {
      const separator = connectionString.includes('?') ? '&' : '?';
      const store = new KurrentDbEventStore(`${connectionString}${separator}throwOnAppendFailure=false`);
      try {
        const id = `contract-no-throw-${randomUUID()}`;
        await store.append(id, [newEvent(), newEvent('PriorityAdded')], { expectedRevision: 'no-stream' });
        const stale = store.append(id, [newEvent('PriorityAdded')], { expectedRevision: 0 });
        await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(stale).rejects.toMatchObject({ actual: 1 });
        expect(await store.readStream(id)).toHaveLength(2);
      } finally {
        await store.close();
      }
    });
  });
} else {
  const reason = 'KURRENTDB_CONNECTION_STRING is not set and no Docker engine answers (docker version failed)';
  process.stderr.write(`\n*** SKIPPED: KurrentDB event-store contract suite — ${reason}. ***\n\n`);
  describe('KurrentDB event store contract', () => {
    // Counted by jest as a test still to do (CI lists it as skipped), so a run without KurrentDB can never look like a pass.
    test.todo(`runs when KurrentDB is reachable — skipped here: ${reason}`);
  });
}

/** Needs no server: what the adapter does when none answers, through the real client and real sockets. */
describe('KurrentDB adapter when no server answers', () => {
  const elapsedMs = async (work: () => Promise<unknown>) => {
    const started = Date.now();
    await work().catch(() => undefined);
    return Date.now() - started;
  };

  it('fails a ping to a closed port within its 2 s limit, as the store being unavailable', async () => {
    const store = new KurrentDbEventStore(`kurrentdb://127.0.0.1:${await closedPort()}?tls=false`);
    try {
      const started = Date.now();
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(2_500);
    } finally {
      await store.close();
    }
  });

  it('fails a ping to a host that accepts connections and never answers within its 2 s limit', async () => {
    const host = await silentServer();
    const store = new KurrentDbEventStore(`kurrentdb://127.0.0.1:${host.port}?tls=false`);
    try {
      const started = Date.now();
      await expect(store.ping()).rejects.toThrow('The event store did not answer within 2000 ms to a ping');
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(host.accepted()).toBeGreaterThan(0);
    } finally {
      await store.close();
      await host.close();
    }
  });

  it('gives up reads of a host that never answers after the read limit, as the store being unavailable', async () => {
    const host = await silentServer();
    const store = new KurrentDbEventStore(`kurrentdb://127.0.0.1:${host.port}?tls=false`, { timeouts: { readMs: 300 } });
    try {
      for (const read of [() => store.readStream('plan-halton'), () => store.readAll({ maxCount: 10 }), () => store.headPosition()]) {
        const started = Date.now();
        await expect(read()).rejects.toThrow(StoreUnavailableError);
        expect(Date.now() - started).toBeLessThan(1_500);
      }
      await expect(store.readStreamFacts('plan-halton')).rejects.toThrow('The event store did not answer within 300 ms to a read of plan-halton');
    } finally {
      await store.close();
      await host.close();
    }
  });

  it('refuses an empty append and an id that is not a lower-case UUID before contacting the server', async () => {
    const host = await silentServer();
    const store = new KurrentDbEventStore(`kurrentdb://127.0.0.1:${host.port}?tls=false`);
    try {
      await expect(store.append('plan-halton', [], { expectedRevision: 'any' })).rejects.toEqual(new EventStoreError('An append needs at least one event'));
      const upper = { ...newEvent(), eventId: randomUUID().toUpperCase() };
      await expect(store.append('plan-halton', [upper], { expectedRevision: 'any' })).rejects.toBeInstanceOf(EventStoreError);
      expect(host.accepted()).toBe(0);
    } finally {
      await store.close();
      await host.close();
    }
  });

  it('sends an append the node answers as unavailable once more, with the same event ids, then answers that it may have been recorded', async () => {
    const node = await grpcNode((path) => (path.endsWith('/GetSupportedMethods') ? UNIMPLEMENTED : UNAVAILABLE));
    const store = new KurrentDbEventStore(`kurrentdb://127.0.0.1:${node.port}?tls=false`);
    try {
      const event = newEvent();
      const failure = await store.append('plan-halton', [event], { expectedRevision: 'no-stream' }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreUnavailableError);
      expect(failure).toMatchObject({ unconfirmed: true });
      expect((failure as Error).message).toBe(
        'The event store did not answer before confirming this change, so it may have been recorded. Retry it with the same Idempotency-Key: it is then recorded once.',
      );
      const appends = node.calls('/event_store.client.streams.Streams/Append');
      expect(appends).toHaveLength(2);
      for (const body of appends) expect(body.includes(Buffer.from(event.eventId))).toBe(true);
      expect(appends[1]).toEqual(appends[0]);
    } finally {
      await store.close();
      await node.close();
    }
  });

  const writes: Array<[string, (store: KurrentDbEventStore) => Promise<unknown>]> = [
    ['an append', (store) => store.append('plan-halton', [newEvent()], { expectedRevision: 'any' })],
    [
      'a multi-stream append',
      (store) =>
        store.appendMany([
          { streamId: 'milestone-halton/P1.1', events: [newEvent('MilestoneUpdated')], expectedRevision: 0 },
          { streamId: 'milestone-halton/P1.2', events: [newEvent('MilestoneUpdated')], expectedRevision: 0 },
        ]),
    ],
  ];
  it.each(writes)('tries %s to a host that never answers twice, each within the append limit, then answers that it may have been recorded', async (_, write) => {
    const host = await silentServer();
    const store = new KurrentDbEventStore(`kurrentdb://127.0.0.1:${host.port}?tls=false`, { timeouts: { appendMs: 300 } });
    try {
      let failure: unknown;
      const took = await elapsedMs(async () => {
        failure = await write(store).catch((error: unknown) => error);
      });
      expect(failure).toMatchObject({ name: 'StoreUnavailableError', unconfirmed: true });
      expect(took).toBeGreaterThanOrEqual(600);
      expect(took).toBeLessThan(2_000);
    } finally {
      await store.close();
      await host.close();
    }
  });

  it('says which KurrentDB a multi-stream append needs when the server does not offer it', async () => {
    const node = await grpcNode(() => UNIMPLEMENTED);
    const store = new KurrentDbEventStore(`kurrentdb://127.0.0.1:${node.port}?tls=false`);
    try {
      const refused = store.appendMany([{ streamId: 'milestone-halton/P1.1', events: [newEvent('MilestoneUpdated')], expectedRevision: 0 }]);
      await expect(refused).rejects.toEqual(
        new EventStoreError('Recording changes to several streams at once needs KurrentDB 25.1 or later; this server is older'),
      );
    } finally {
      await store.close();
      await node.close();
    }
  });

  it('reports a subscription to a closed port through onError and caughtUp, and the process carries on', async () => {
    const store = new KurrentDbEventStore(`kurrentdb://127.0.0.1:${await closedPort()}?tls=false`);
    try {
      let reported: (error: Error) => void = () => undefined;
      const failed = new Promise<Error>((resolve) => (reported = resolve));
      const delivered: unknown[] = [];
      const subscription = store.subscribe({}, (event) => void delivered.push(event), reported);
      const error = await failed;
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error.message).toMatch(/^The event store did not answer to the subscription/);
      await expect(subscription.caughtUp).rejects.toBe(error);
      await subscription.stop();
      expect(delivered).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('closes the connection it opened when the store is closed', async () => {
    const node = await grpcNode(() => UNIMPLEMENTED);
    const store = new KurrentDbEventStore(`kurrentdb://127.0.0.1:${node.port}?tls=false`);
    try {
      await expect(store.append('plan-halton', [newEvent()], { expectedRevision: 'any' })).rejects.toThrow();
      expect(node.open()).toBe(1);
      await store.close();
      const deadline = Date.now() + 5_000;
      while (node.open() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(node.open()).toBe(0);
    } finally {
      await node.close();
    }
  });
});
