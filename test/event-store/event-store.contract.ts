import { randomUUID } from 'node:crypto';
import { EventStore, NewEvent, StoredEvent, WrongExpectedRevisionError } from '../../src/event-store/event-store.port';

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

const stream = (label: string) => `contract-${label}-${randomUUID()}`;
const event = (type: string, data: unknown, metadata: Record<string, unknown> = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata,
});

async function collectUntil(received: StoredEvent[], count: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (received.length < count) {
    if (Date.now() > deadline) throw new Error(`Only ${received.length} of ${count} events arrived within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface ContractOptions {
  /** Why this store cannot append to several streams at once (e.g. a server too old): those cases are then skipped. */
  multiStreamSkipped?: string;
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
      const all = (await store.readAll({ fromPosition: before + 1n })).filter((e) => [a, b, c].includes(e.streamId));
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
      expect(await store.readStream(id)).toEqual([]);
    });

    it('orders events of all streams by a strictly increasing global position', async () => {
      const before = await store.headPosition();
      const a = stream('order-a');
      const b = stream('order-b');
      await store.append(a, [event('A1', {})], { expectedRevision: 'no-stream' });
      await store.append(b, [event('B1', {}), event('B2', {})], { expectedRevision: 'no-stream' });
      await store.append(a, [event('A2', {})], { expectedRevision: 0 });
      const all = (await store.readAll({ fromPosition: before + 1n })).filter((e) => e.streamId === a || e.streamId === b);
      expect(all.map((e) => e.type)).toEqual(['A1', 'B1', 'B2', 'A2']);
      for (let i = 1; i < all.length; i++) expect(all[i]!.position).toBeGreaterThan(all[i - 1]!.position);
      const head = await store.headPosition();
      expect(head).toBe(all[all.length - 1]!.position);
      const limited = await store.readAll({ fromPosition: all[1]!.position, maxCount: 2 });
      expect(limited.map((e) => e.eventId)).toEqual([all[1]!.eventId, all[2]!.eventId]);
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

    it('keeps a 100 KB payload intact', async () => {
      const id = stream('large');
      const commentary = 'Progress against the milestone. '.repeat(3200);
      expect(commentary.length).toBeGreaterThan(100_000);
      await store.append(id, [event('MilestoneUpdated', { commentary })], { expectedRevision: 'no-stream' });
      const [read] = await store.readStream(id);
      expect((read!.data as { commentary: string }).commentary).toBe(commentary);
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
