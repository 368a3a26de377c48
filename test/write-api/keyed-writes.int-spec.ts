import { CommandContext, Handle } from '../../src/domain/command';
import { EventStore } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { MilestoneCommand, milestoneDecider, streamId, streamOfCommand } from '../../src/milestone/milestone';
import { fingerprint } from '../../src/platform/ids';
import { newContext } from '../../src/write-side/command-context';
import { LocalExecutor } from '../../src/write-side/local-executor';
import { CommandPipeline } from '../../src/write-side/pipeline';

/**
 * Every command is decided on the one writer thread, so a write that carries an Idempotency-Key must cost
 * what one without costs, however long its stream: the key is looked up, the stream is not read again.
 * Counted as the events the store hands the pipeline, on a milestone stream of 20 000 events.
 */
const LENGTH = 20_000;
const STREAM = streamId('halton', 'P2.1');
const QUARTERS = ['2025-26 Q1', '2025-26 Q2', '2025-26 Q3', '2025-26 Q4'];
const ENDS = ['2025-06-30', '2025-09-30', '2025-12-31', '2026-03-31'];

/** The real store, telling how many events each of its reads returned. */
function counting(store: SqliteEventStore): { store: EventStore; read: () => number } {
  let read = 0;
  const counted = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (Array.isArray(result)) read += result.length;
        else if (name === 'findKeyedEvent' && result) read += 1;
        return result;
      };
    },
  });
  return { store: counted, read: () => read };
}

describe('a write with an Idempotency-Key on a long stream', () => {
  let store: SqliteEventStore;
  let reads: ReturnType<typeof counting>;
  let milestones: Handle<MilestoneCommand>;
  let executor: LocalExecutor;

  const update = (i: number): MilestoneCommand => ({
    type: 'UpdateMilestone',
    data: {
      planId: 'halton',
      milestoneId: 'P2.1',
      period: QUARTERS[i % 4]!,
      rag: i % 2 ? 'amber' : 'green',
      commentary: `View ${i}`,
      effectiveOn: ENDS[i % 4]!,
      reason: `Correction ${i}`,
    } as never,
    now: '2026-04-20T09:00:00.000Z',
  });
  const keyed = (key: string, i: number): CommandContext => newContext({ idempotencyKey: key, requestHash: fingerprint({ i }) });
  const readFor = async (work: () => Promise<unknown>) => {
    const before = reads.read();
    await work();
    return reads.read() - before;
  };

  beforeAll(async () => {
    store = new SqliteEventStore({ path: ':memory:' });
    const added = { type: 'MilestoneAdded', data: { milestoneId: 'P2.1', priorityId: 'CYP P2', title: 'Placement moves', effectiveOn: '2025-04-01' } };
    const updates = Array.from({ length: LENGTH - 1 }, (_, i) => ({ type: 'MilestoneUpdated', data: { ...update(i).data, planId: undefined, milestoneId: undefined } }));
    const all = [added, ...updates];
    for (let from = 0; from < all.length; from += 1000) {
      const events = all.slice(from, from + 1000).map((e) => ({ ...e, eventId: crypto.randomUUID() }));
      await store.append(STREAM, events, { expectedRevision: from === 0 ? 'no-stream' : from - 1 });
    }
    reads = counting(store);
    executor = new LocalExecutor(new CommandPipeline(reads.store));
    milestones = executor.for(milestoneDecider, streamOfCommand);
  }, 60_000);
  afterAll(() => store.close());

  it('reads no more of the stream than a write without a key, once the stream is folded', async () => {
    const cold = await readFor(() => milestones(update(LENGTH), newContext()));
    expect(cold).toBe(LENGTH);
    const unkeyed = await readFor(async () => {
      for (let i = 1; i <= 20; i++) await milestones(update(LENGTH + i), newContext());
    });
    const withKeys = await readFor(async () => {
      for (let i = 21; i <= 40; i++) await milestones(update(LENGTH + i), keyed(`rating-${i}`, i));
    });
    expect(unkeyed).toBe(0);
    expect(withKeys).toBe(0);
  });

  it('answers a retry from its own events alone, and refuses the key for another request, reading nearly nothing', async () => {
    const first = await milestones(update(LENGTH + 100), keyed('rating-100', 100));
    let again: unknown;
    const retry = await readFor(async () => (again = await milestones(update(LENGTH + 100), keyed('rating-100', 100))));
    expect(again).toEqual({ ...first, replayed: true });
    expect(retry).toBeLessThanOrEqual(2);
    const reused = await readFor(() => expect(milestones(update(LENGTH + 101), keyed('rating-100', 101))).rejects.toMatchObject({ field: 'Idempotency-Key' }));
    expect(reused).toBe(1);
    expect(await store.headPosition()).toBe(BigInt(LENGTH + 42));
  });

  it('does the same for a keyed batch of many commands (a quarterly update)', async () => {
    const items = [milestones.item(update(LENGTH + 200))];
    const first = await executor.all(items, keyed('quarterly-7', 7));
    let again: unknown;
    const retry = await readFor(async () => (again = await executor.all(items, keyed('quarterly-7', 7))));
    expect(again).toEqual({ position: first.position, results: first.results.map((r) => ({ ...r, replayed: true })) });
    expect(retry).toBeLessThanOrEqual(2);
  });
});
