import { randomUUID } from 'node:crypto';
import { GENESIS, nextLink } from '../../src/event-store/chain';
import { EventStore, NewEvent, RestoredEvent, StoredEvent, WrongExpectedRevisionError } from '../../src/event-store/event-store.port';

/**
 * The behaviour every event-store adapter must show. Each test writes to fresh, uniquely named streams
 * so the suite also runs against a shared server.
 */
export interface ContractStore {
  store: EventStore;
  /** True when the adapter uses the clock it was given, so recordedAt can be asserted exactly. */
  clockIsInjected: boolean;
  setClock?: (at: Date) => void;
}

/** What differs between stores, so cases that apply to one only run there. */
export interface ContractOptions {
  /** Why this store cannot append to several streams at once (e.g. a server too old): those cases are then skipped. */
  multiStreamSkipped?: string;
  /**
   * Positions that are not an event's: KurrentDB's are byte offsets in its log, so one past an event's is
   * in the middle of a record. The embedded store numbers its events, and every number is a position.
   */
  invalidPositions?: boolean;
}

const stream = (label: string) => `contract-${label}-${randomUUID()}`;
const event = (type: string, data: unknown, metadata: Record<string, unknown> = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata,
});

const events = (n: number, type: string) => Array.from({ length: n }, (_, i) => event(type, { i }));

/** The promise's value, or a failure naming what did not happen within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function collectUntil(received: unknown[], count: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (received.length < count) {
    if (Date.now() > deadline) throw new Error(`Only ${received.length} of ${count} events arrived within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function eventStoreContract(
  name: string,
  open: () => Promise<ContractStore>,
  close: (s: ContractStore) => Promise<void>,
  options: ContractOptions = {},
) {
  if (options.multiStreamSkipped) {
    process.stderr.write(`\n*** SKIPPED: ${name} multi-stream append cases — ${options.multiStreamSkipped}. ***\n\n`);
  }
  // Counted as skipped by jest (todo), so a store that cannot do it never looks like a pass.
  const multiStream = (title: string, test: () => Promise<void>) =>
    options.multiStreamSkipped ? it.todo(`${title} — skipped: ${options.multiStreamSkipped}`) : it(title, test);

  describe(`${name} event store contract`, () => {
    let ctx: ContractStore;
    let store: EventStore;
    beforeAll(async () => {
      ctx = await open();
      store = ctx.store;
    });
    afterAll(async () => close(ctx));

    it('stores events and reads them back in order with revision, position and recording time', async () => {
      const id = stream('readback');
      ctx.setClock?.(new Date('2025-10-14T09:30:00.000Z'));
      const first = event('MilestoneUpdated', { rag: 'green' }, { actor: { id: 'u1' }, effectiveOn: '2025-09-30' });
      const second = event('MilestoneUpdated', { rag: 'amber' });
      const result = await store.append(id, [first, second], { expectedRevision: 'no-stream' });
      expect(result.nextRevision).toBe(1);

      const read = await store.readStream(id);
      expect(read.map((e) => [e.eventId, e.type, e.revision, e.streamId])).toEqual([
        [first.eventId, 'MilestoneUpdated', 0, id],
        [second.eventId, 'MilestoneUpdated', 1, id],
      ]);
      expect(read[0]!.data).toEqual({ rag: 'green' });
      expect(read[0]!.metadata).toMatchObject({ actor: { id: 'u1' }, effectiveOn: '2025-09-30' });
      expect(read[1]!.position).toBeGreaterThan(read[0]!.position);
      expect(result.position).toBe(read[1]!.position);
      if (ctx.clockIsInjected) expect(read[0]!.recordedAt).toBe('2025-10-14T09:30:00.000Z');
      else expect(Math.abs(Date.parse(read[0]!.recordedAt) - Date.now())).toBeLessThan(60_000);
    });

    it('reads part of a stream from a revision, and an unknown stream as empty', async () => {
      const id = stream('partial');
      await store.append(id, [0, 1, 2, 3].map((n) => event('IndicatorValueRecorded', { n })), { expectedRevision: 'no-stream' });
      const part = await store.readStream(id, { fromRevision: 1, maxCount: 2 });
      expect(part.map((e) => (e.data as { n: number }).n)).toEqual([1, 2]);
      expect(await store.readStream(stream('never-written'))).toEqual([]);
    });

    it('reads the facts of a stream (revision, type, data) in order, from a revision, as readStream has them', async () => {
      const id = stream('facts');
      await store.append(id, [0, 1, 2].map((n) => event(n === 0 ? 'MilestoneAdded' : 'MilestoneUpdated', { n, text: 'Ymyrraeth ✓' })), {
        expectedRevision: 'no-stream',
      });
      const full = await store.readStream(id);
      expect(await store.readStreamFacts(id)).toEqual(full.map(({ revision, type, data }) => ({ revision, type, data })));
      expect(await store.readStreamFacts(id, { fromRevision: 1 })).toEqual([
        { revision: 1, type: 'MilestoneUpdated', data: { n: 1, text: 'Ymyrraeth ✓' } },
        { revision: 2, type: 'MilestoneUpdated', data: { n: 2, text: 'Ymyrraeth ✓' } },
      ]);
      expect(await store.readStreamFacts(id, { fromRevision: 3 })).toEqual([]);
      expect(await store.readStreamFacts(stream('never-written'))).toEqual([]);
    });

    it('refuses an append whose expected revision does not match, naming the actual revision', async () => {
      const id = stream('conflict');
      await store.append(id, [event('PlanCreated', {})], { expectedRevision: 'no-stream' });
      await expect(store.append(id, [event('PriorityAdded', {})], { expectedRevision: 5 })).rejects.toMatchObject({
        name: 'WrongExpectedRevisionError',
        actual: 0,
      });
      await expect(store.append(id, [event('PlanCreated', {})], { expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      await expect(store.append(stream('absent'), [event('X', {})], { expectedRevision: 0 })).rejects.toMatchObject({
        actual: 'no-stream',
      });
      expect(await store.readStream(id)).toHaveLength(1);
    });

    it('accepts any revision when asked to', async () => {
      const id = stream('any');
      await store.append(id, [event('A', {})], { expectedRevision: 'any' });
      const second = await store.append(id, [event('B', {})], { expectedRevision: 'any' });
      expect(second.nextRevision).toBe(1);
    });

    it('treats a re-append of the same event ids at the same revisions as done, writing nothing', async () => {
      const id = stream('idempotent');
      const events = [event('RecommendationRaised', { text: 'R1' }), event('MilestoneLinked', { milestoneId: 'P1.1' })];
      const first = await store.append(id, events, { expectedRevision: 'no-stream' });
      const again = await store.append(id, events, { expectedRevision: 'no-stream' });
      expect(again.nextRevision).toBe(first.nextRevision);
      const next = [event('RecommendationClosed', {})];
      await store.append(id, next, { expectedRevision: 1 });
      await store.append(id, next, { expectedRevision: 1 });
      expect((await store.readStream(id)).map((e) => e.type)).toEqual(['RecommendationRaised', 'MilestoneLinked', 'RecommendationClosed']);
    });

    it('finds an event appended with an idempotency key by its id, and not one appended without', async () => {
      const id = stream('keyed');
      const plain = event('MilestoneAdded', {});
      const keyed = { ...event('MilestoneUpdated', { rag: 'amber' }), metadata: { idempotencyKey: 'q2-rating', causationId: 'c1' } };
      await store.append(id, [plain, keyed], { expectedRevision: 'no-stream' });
      expect(await store.findKeyedEvent(id, keyed.eventId)).toMatchObject({ eventId: keyed.eventId, revision: 1, metadata: { idempotencyKey: 'q2-rating' } });
      expect(await store.findKeyedEvent(id, plain.eventId)).toBeUndefined();
      expect(await store.findKeyedEvent(stream('elsewhere'), keyed.eventId)).toBeUndefined();
    });

    it('stores all events of one append or none of them', async () => {
      const id = stream('atomic');
      await store.append(id, [event('PlanCreated', {})], { expectedRevision: 'no-stream' });
      const batch = [event('PriorityAdded', { n: 1 }), event('PriorityAdded', { n: 2 }), event('PriorityAdded', { n: 3 })];
      await expect(store.append(id, batch, { expectedRevision: 7 })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream(id)).toHaveLength(1);
      await store.append(id, batch, { expectedRevision: 0 });
      expect(await store.readStream(id)).toHaveLength(4);
    });

    it('lets exactly one of several concurrent writers with the same expected revision win', async () => {
      const id = stream('race');
      await store.append(id, [event('MilestoneAdded', {})], { expectedRevision: 'no-stream' });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => store.append(id, [event('MilestoneUpdated', { i })], { expectedRevision: 0 })),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(rejected).toHaveLength(9);
      rejected.forEach((o) => expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError));
      expect(await store.readStream(id)).toHaveLength(2);
    });

    multiStream('appends to several streams at once, each at its own revision, answering per stream in order', async () => {
      const before = await store.headPosition();
      const [a, b, c] = [stream('many-a'), stream('many-b'), stream('many-c')];
      await store.append(a, [event('MilestoneAdded', { milestoneId: 'P1.1' })], { expectedRevision: 'no-stream' });
      await store.append(b, [event('MilestoneAdded', {}), event('MilestoneUpdated', {})], { expectedRevision: 'no-stream' });
      const results = await store.appendMany([
        { streamId: a, events: [event('MilestoneUpdated', { rag: 'green' }, { actor: { id: 'chair', name: 'Chair' }, file: 'q2.xlsx' })], expectedRevision: 0 },
        { streamId: b, events: [event('MilestoneUpdated', { rag: 'red' }), event('MilestoneDueDateChanged', {})], expectedRevision: 1 },
        { streamId: c, events: [event('MilestoneAdded', { milestoneId: 'P3.1' })], expectedRevision: 'no-stream' },
      ]);
      expect(results.map((r) => r.nextRevision)).toEqual([1, 3, 0]);
      const all = (await store.readAll({ after: before })).filter((e) => [a, b, c].includes(e.streamId));
      expect(all.map((e) => [e.streamId, e.type])).toEqual([
        [a, 'MilestoneAdded'],
        [b, 'MilestoneAdded'],
        [b, 'MilestoneUpdated'],
        [a, 'MilestoneUpdated'],
        [b, 'MilestoneUpdated'],
        [b, 'MilestoneDueDateChanged'],
        [c, 'MilestoneAdded'],
      ]);
      const [updated] = await store.readStream(a, { fromRevision: 1 });
      expect(updated!.data).toEqual({ rag: 'green' });
      expect(updated!.metadata).toEqual({ actor: { id: 'chair', name: 'Chair' }, file: 'q2.xlsx' });
      const head = await store.headPosition();
      results.forEach((r) => expect(r.position).toBeLessThanOrEqual(head));
      expect(results.reduce((max, r) => (r.position > max ? r.position : max), -1n)).toBe(head);
    });

    multiStream('stores nothing in any stream when one expected revision does not match, naming that stream', async () => {
      const [a, b, c] = [stream('none-a'), stream('none-b'), stream('none-c')];
      await store.append(a, [event('MilestoneAdded', {})], { expectedRevision: 'no-stream' });
      await store.append(b, [event('MilestoneAdded', {}), event('MilestoneUpdated', {})], { expectedRevision: 'no-stream' });
      const head = await store.headPosition();
      const refused = store.appendMany([
        { streamId: a, events: [event('MilestoneUpdated', {})], expectedRevision: 0 },
        { streamId: b, events: [event('MilestoneUpdated', {})], expectedRevision: 0 },
        { streamId: c, events: [event('MilestoneAdded', {})], expectedRevision: 'no-stream' },
      ]);
      await expect(refused).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(refused).rejects.toMatchObject({ streamId: b, expected: 0, actual: 1 });
      expect(await store.readStream(a)).toHaveLength(1);
      expect(await store.readStream(b)).toHaveLength(2);
      expect(await store.readStream(c)).toEqual([]);
      expect(await store.headPosition()).toBe(head);
    });

    multiStream('answers an exact retry of a multi-stream append as the first time, writing nothing', async () => {
      const [a, b] = [stream('many-retry-a'), stream('many-retry-b')];
      await store.append(a, [event('MilestoneAdded', {})], { expectedRevision: 'no-stream' });
      const requests = [
        { streamId: a, events: [event('MilestoneUpdated', { rag: 'amber' })], expectedRevision: 0 },
        { streamId: b, events: [event('MilestoneAdded', {}), event('MilestoneUpdated', {})], expectedRevision: 'no-stream' as const },
      ];
      const first = await store.appendMany(requests);
      const head = await store.headPosition();
      const again = await store.appendMany(requests);
      expect(again.map((r) => r.nextRevision)).toEqual(first.map((r) => r.nextRevision));
      expect(await store.headPosition()).toBe(head);
      expect((await store.readStream(a)).map((e) => e.type)).toEqual(['MilestoneAdded', 'MilestoneUpdated']);
      expect(await store.readStream(b)).toHaveLength(2);
    });

    multiStream('lets exactly one of two concurrent multi-stream appends on a shared stream win', async () => {
      const [shared, left, right] = [stream('many-race'), stream('many-left'), stream('many-right')];
      await store.append(shared, [event('MilestoneAdded', {})], { expectedRevision: 'no-stream' });
      const outcomes = await Promise.allSettled(
        [left, right].map((other) =>
          store.appendMany([
            { streamId: other, events: [event('MilestoneAdded', {})], expectedRevision: 'no-stream' },
            { streamId: shared, events: [event('MilestoneUpdated', { by: other })], expectedRevision: 0 },
          ]),
        ),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const loser = outcomes.findIndex((o) => o.status === 'rejected');
      expect((outcomes[loser] as PromiseRejectedResult).reason).toMatchObject({ name: 'WrongExpectedRevisionError', streamId: shared });
      expect(await store.readStream(shared)).toHaveLength(2);
      expect(await store.readStream(loser === 0 ? left : right)).toEqual([]);
      expect(await store.readStream(loser === 0 ? right : left)).toHaveLength(1);
    });

    multiStream('refuses a multi-stream append that names no stream, a stream twice, or a stream without events', async () => {
      const id = stream('many-malformed');
      await expect(store.appendMany([])).rejects.toMatchObject({ name: 'EventStoreError' });
      await expect(
        store.appendMany([
          { streamId: id, events: [event('A', {})], expectedRevision: 'no-stream' },
          { streamId: id, events: [event('B', {})], expectedRevision: 0 },
        ]),
      ).rejects.toMatchObject({ name: 'EventStoreError', message: expect.stringContaining('twice') });
      await expect(store.appendMany([{ streamId: id, events: [], expectedRevision: 'no-stream' }])).rejects.toMatchObject({ name: 'EventStoreError' });
      await expect(
        store.appendMany([{ streamId: id, events: [{ ...event('A', {}), eventId: 'milestone-1' }], expectedRevision: 'no-stream' }]),
      ).rejects.toThrow('Event id "milestone-1" is not a lower-case UUID');
      expect(await store.readStream(id)).toEqual([]);
    });

    multiStream('gives the events of a multi-stream append one recording time, the same through readStream and readAll', async () => {
      ctx.setClock?.(new Date('2025-10-15T11:00:00.456Z'));
      const before = await store.headPosition();
      const [a, b] = [stream('many-at-a'), stream('many-at-b')];
      await store.appendMany([
        { streamId: a, events: [event('MilestoneAdded', {})], expectedRevision: 'no-stream' },
        { streamId: b, events: [event('MilestoneAdded', {}, { actor: { id: 'u1' } })], expectedRevision: 'no-stream' },
      ]);
      const fromStreams = [...(await store.readStream(a)), ...(await store.readStream(b))];
      const fromLog = (await store.readAll({ after: before })).filter((e) => [a, b].includes(e.streamId));
      expect(fromLog.map((e) => e.recordedAt)).toEqual(fromStreams.map((e) => e.recordedAt));
      expect(fromStreams[1]!.metadata).toEqual({ actor: { id: 'u1' } });
      if (ctx.clockIsInjected) expect(fromStreams.map((e) => e.recordedAt)).toEqual(['2025-10-15T11:00:00.456Z', '2025-10-15T11:00:00.456Z']);
    });

    it('orders events of all streams by a strictly increasing global position', async () => {
      const before = await store.headPosition();
      const a = stream('order-a');
      const b = stream('order-b');
      await store.append(a, [event('A1', {})], { expectedRevision: 'no-stream' });
      await store.append(b, [event('B1', {}), event('B2', {})], { expectedRevision: 'no-stream' });
      await store.append(a, [event('A2', {})], { expectedRevision: 0 });
      const all = (await store.readAll({ after: before })).filter((e) => e.streamId === a || e.streamId === b);
      expect(all.map((e) => e.type)).toEqual(['A1', 'B1', 'B2', 'A2']);
      for (let i = 1; i < all.length; i++) expect(all[i]!.position).toBeGreaterThan(all[i - 1]!.position);
      const head = await store.headPosition();
      expect(head).toBe(all[all.length - 1]!.position);
      const limited = await store.readAll({ after: all[0]!.position, maxCount: 2 });
      expect(limited.map((e) => e.eventId)).toEqual([all[1]!.eventId, all[2]!.eventId]);
    });

    it('pages the log two events at a time after the last position read, across appends of several events: nothing missing, nothing twice', async () => {
      const before = await store.headPosition();
      const a = stream('page-a');
      const b = stream('page-b');
      const appended: string[] = [];
      const add = async (id: string, batch: NewEvent[], expectedRevision: number | 'no-stream') => {
        await store.append(id, batch, { expectedRevision });
        appended.push(...batch.map((e) => e.eventId));
      };
      await add(a, events(3, 'Paged'), 'no-stream');
      await add(b, events(2, 'Paged'), 'no-stream');
      await add(a, events(1, 'Paged'), 2);
      await add(b, events(3, 'Paged'), 1);

      const read: StoredEvent[] = [];
      let after = before;
      for (let pages = 0; pages < 50; pages++) {
        const page = await store.readAll({ after, maxCount: 2 });
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(2);
        read.push(...page);
        after = page[page.length - 1]!.position;
      }
      expect(read.filter((e) => e.streamId === a || e.streamId === b).map((e) => e.eventId)).toEqual(appended);
      for (let i = 1; i < read.length; i++) expect(read[i]!.position).toBeGreaterThan(read[i - 1]!.position);
    });

    it('gives an event the same recording time, to the millisecond, through readStream, readAll and a subscription', async () => {
      ctx.setClock?.(new Date('2025-10-14T09:30:00.123Z'));
      const before = await store.headPosition();
      const id = stream('recorded-at');
      await store.append(id, [event('MilestoneUpdated', { rag: 'red' }), event('MilestoneUpdated', { rag: 'amber' })], {
        expectedRevision: 'no-stream',
      });
      const fromStream = (await store.readStream(id)).map((e) => e.recordedAt);
      const fromLog = (await store.readAll({ after: before })).filter((e) => e.streamId === id).map((e) => e.recordedAt);
      const received: StoredEvent[] = [];
      const subscription = store.subscribe({ fromPosition: before }, (e) => {
        if (e.streamId === id) received.push(e);
      });
      try {
        await collectUntil(received, 2);
      } finally {
        await subscription.stop();
      }
      expect(fromLog).toEqual(fromStream);
      expect(received.map((e) => e.recordedAt)).toEqual(fromStream);
      if (ctx.clockIsInjected) expect(fromStream).toEqual(['2025-10-14T09:30:00.123Z', '2025-10-14T09:30:00.123Z']);
      else expect(fromStream[0]).toMatch(/T\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it('answers a re-append of the same events at a given revision with the revision and position they first had', async () => {
      const id = stream('re-append');
      await store.append(id, [event('RecommendationRaised', {})], { expectedRevision: 'no-stream' });
      const batch = [event('MilestoneLinked', { milestoneId: 'P1.1' }), event('MilestoneLinked', { milestoneId: 'P1.2' })];
      const first = await store.append(id, batch, { expectedRevision: 0 });
      const again = await store.append(id, batch, { expectedRevision: 0 });
      expect(again).toEqual(first);
      expect(await store.readStream(id)).toHaveLength(3);
    });

    it('refuses an empty append and an event id that is not a lower-case UUID, storing nothing', async () => {
      const id = stream('malformed');
      await expect(store.append(id, [], { expectedRevision: 'any' })).rejects.toThrow('An append needs at least one event');
      await expect(store.append(id, [{ ...event('PlanCreated', {}), eventId: 'plan-1' }], { expectedRevision: 'any' })).rejects.toThrow(
        'Event id "plan-1" is not a lower-case UUID',
      );
      const upper = randomUUID().toUpperCase();
      await expect(store.append(id, [event('PlanCreated', {}), { ...event('PlanCreated', {}), eventId: upper }], { expectedRevision: 'any' })).rejects.toThrow(
        `Event id "${upper}" is not a lower-case UUID`,
      );
      expect(await store.readStream(id)).toEqual([]);
    });

    it('delivers the backlog after a position, then live events, to a subscription', async () => {
      const id = stream('subscription');
      const first = await store.append(id, [event('Before', { n: 0 })], { expectedRevision: 'no-stream' });
      await store.append(id, [event('Backlog', { n: 1 }), event('Backlog', { n: 2 })], { expectedRevision: 0 });
      const received: StoredEvent[] = [];
      const subscription = store.subscribe({ fromPosition: first.position }, (e) => {
        if (e.streamId === id) received.push(e);
      });
      try {
        await subscription.caughtUp;
        await collectUntil(received, 2);
        await store.append(id, [event('Live', { n: 3 })], { expectedRevision: 2 });
        await collectUntil(received, 3);
        expect(received.map((e) => [e.type, (e.data as { n: number }).n])).toEqual([
          ['Backlog', 1],
          ['Backlog', 2],
          ['Live', 3],
        ]);
      } finally {
        await subscription.stop();
      }
    });

    it('resolves caughtUp only once every event of the backlog was handled', async () => {
      const before = await store.headPosition();
      const id = stream('backlog');
      // More than a client buffers ahead of its reader.
      await store.append(id, events(40, 'IndicatorValueRecorded'), { expectedRevision: 'no-stream' });
      let handled = 0;
      const subscription = store.subscribe({ fromPosition: before }, async (e) => {
        if (e.streamId !== id) return;
        await new Promise((resolve) => setTimeout(resolve, 2));
        handled += 1;
      });
      try {
        await within(subscription.caughtUp, 10_000, 'caughtUp did not resolve');
        expect(handled).toBe(40);
      } finally {
        await subscription.stop();
      }
    });

    it('stops mid-backlog: stop() waits for the handler at work, nothing is delivered after, caughtUp rejects', async () => {
      const before = await store.headPosition();
      const id = stream('stop');
      await store.append(id, events(30, 'IndicatorValueRecorded'), { expectedRevision: 'no-stream' });
      const received: number[] = [];
      let reachedThird: () => void = () => undefined;
      const third = new Promise<void>((resolve) => (reachedThird = resolve));
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const onError = jest.fn();
      let handlerDone = false;
      const subscription = store.subscribe(
        { fromPosition: before },
        async (e) => {
          if (e.streamId !== id) return;
          received.push((e.data as { i: number }).i);
          if (received.length === 3) {
            reachedThird();
            await gate;
            handlerDone = true;
          }
        },
        onError,
      );
      await within(third, 10_000, 'the third event did not arrive');
      const stopping = subscription.stop();
      setTimeout(release, 20);
      await within(stopping, 5_000, 'stop() did not resolve');
      expect(handlerDone).toBe(true);
      await expect(subscription.caughtUp).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received).toEqual([0, 1, 2]);
      expect(onError).not.toHaveBeenCalled();
    });

    // Only where such positions exist: on the embedded store every whole number is a position.
    if (options.invalidPositions)
      it('fails loudly, without bringing the process down, when subscribing from a position that is no event’s', async () => {
        const id = stream('invalid-position');
        const { position } = await store.append(id, [event('PlanCreated', {})], { expectedRevision: 'no-stream' });
        let reported: (error: Error) => void = () => undefined;
        const failed = new Promise<Error>((resolve) => (reported = resolve));
        const subscription = store.subscribe({ fromPosition: position + 1n }, () => undefined, reported);
        try {
          const error = await within(failed, 10_000, 'the subscription did not report its failure');
          expect(error.message).not.toBe('');
          await expect(subscription.caughtUp).rejects.toBe(error);
        } finally {
          await subscription.stop();
        }
      });

    it('keeps a 100 KB payload intact', async () => {
      const id = stream('large');
      const commentary = 'Progress against the milestone. '.repeat(3200);
      expect(commentary.length).toBeGreaterThan(100_000);
      await store.append(id, [event('MilestoneUpdated', { commentary })], { expectedRevision: 'no-stream' });
      const [read] = await store.readStream(id);
      expect((read!.data as { commentary: string }).commentary).toBe(commentary);
    });

    it('answers the head of its hash chain: the last event, and the link the log gives when walked from the start', async () => {
      const id = stream('chain');
      await store.append(id, [event('MilestoneUpdated', { rag: 'red' }, { actor: { id: 'u1' } })], { expectedRevision: 'no-stream' });
      const { position } = await store.append(id, [event('MilestoneUpdated', { rag: 'amber' })], { expectedRevision: 0 });
      const head = await store.chainHead();
      let link = GENESIS;
      let last = -1n;
      for (let after: bigint | undefined; ; ) {
        const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: 500, links: true });
        for (const e of page) {
          link = nextLink(link, e);
          if (e.link !== undefined) expect(e.link).toBe(link);
          last = e.position;
        }
        if (page.length < 500) break;
        after = last;
      }
      expect(head).toEqual({ position: last, hash: link });
      expect(head.position).toBeGreaterThanOrEqual(position);
    });

    it('names the chain as it stood at an earlier event, and nothing where no event is', async () => {
      const id = stream('chain-at');
      const { position: first } = await store.append(id, [event('MilestoneUpdated', { rag: 'red' })], { expectedRevision: 'no-stream' });
      await store.append(id, [event('MilestoneUpdated', { rag: 'green' })], { expectedRevision: 0 });
      let link = GENESIS;
      for (let after: bigint | undefined; ; ) {
        const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: 500 });
        const upTo = page.filter((e) => e.position <= first);
        link = upTo.reduce((previous, e) => nextLink(previous, e), link);
        if (upTo.length < page.length || page.length < 500) break;
        after = page.at(-1)!.position;
      }
      expect(await store.chainAt(first)).toEqual({ position: first, hash: link });
      expect(await store.chainAt((await store.headPosition()) + 1_000_000n)).toBeUndefined();
    });

    it('restores exported events in their order, keeping ids, recorded times, data and metadata to the byte', async () => {
      const [a, b] = [stream('restore-a'), stream('restore-b')];
      const given: RestoredEvent[] = [
        { ...event('PlanCreated', { planId: 'x', title: 'Plan ✓' }, { actor: { id: 'u1', role: 'admin' }, effectiveOn: '2024-05-17' }), streamId: a, revision: 0, recordedAt: '2024-05-17T10:00:00.123Z' },
        { ...event('MilestoneAdded', { milestoneId: 'P1.1' }), streamId: b, revision: 0, recordedAt: '2024-05-17T10:00:01.000Z' },
        { ...event('MilestoneUpdated', { rag: 'amber', '10': 'keys as given' }), streamId: b, revision: 1, recordedAt: '2024-05-18T08:00:00.001Z' },
        { ...event('PriorityAdded', { priorityId: 'CYP P1' }), streamId: a, revision: 1, recordedAt: '2024-05-18T08:00:00.001Z' },
      ].map(({ eventId, type, data, metadata, streamId, revision, recordedAt }) => ({ eventId, type, data, metadata: metadata ?? {}, streamId, revision, recordedAt }));
      await store.restore(given);
      const mine = (await store.readAll()).filter((e) => e.streamId === a || e.streamId === b);
      expect(mine.map(({ eventId, streamId, revision, recordedAt }) => ({ eventId, streamId, revision, recordedAt }))).toEqual(
        given.map(({ eventId, streamId, revision, recordedAt }) => ({ eventId, streamId, revision, recordedAt })),
      );
      const chainOf = (events: ReadonlyArray<Omit<RestoredEvent, never>>) => events.reduce((link, e) => nextLink(link, e), GENESIS);
      expect(chainOf(mine)).toBe(chainOf(given));
      await expect(store.restore([{ ...given[1]!, eventId: randomUUID() }])).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    });

    it('keeps non-ASCII text exactly: symbols, accents, Welsh, emoji', async () => {
      const id = stream('unicode');
      const text = 'Progress ✓ U × — children’s “voice”; Ysgol Gymraeg Bro Ŵyn; São Tomé; 🧒🏽';
      await store.append(id, [event('VisitFindingRecorded', { text }, { actor: { id: 'zoë' } })], { expectedRevision: 'no-stream' });
      const [read] = await store.readStream(id);
      expect(read!.data).toEqual({ text });
      expect(read!.metadata.actor).toEqual({ id: 'zoë' });
    });
  });
}
