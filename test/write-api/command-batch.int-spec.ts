import { createHash } from 'node:crypto';
import { CommandContext, CommandsRefusedError, Handle } from '../../src/domain/command';
import { WrongExpectedRevisionError } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { MilestoneCommand, milestoneDecider, streamId, streamOfCommand } from '../../src/milestone/milestone';
import { fingerprint } from '../../src/platform/ids';
import { newContext } from '../../src/write-side/command-context';
import { LocalExecutor } from '../../src/write-side/local-executor';
import { CommandPipeline } from '../../src/write-side/pipeline';

/**
 * Many commands as one, as the quarterly-return upload runs them: one row per milestone, the uploader as
 * actor, the file named on every event, nothing recorded twice for the same file, and other writers
 * (this process's single updates, another process) never losing a write.
 */
describe('running many commands as one', () => {
  const MILESTONES = ['P1.1', 'P1.2', 'P1.3', 'P2.1', 'P2.2'];
  const uploader = { id: 'u-17', name: 'Improvement team', role: 'board-member' };
  const now = '2025-10-20T09:00:00.000Z';
  let store: SqliteEventStore;
  let executor: LocalExecutor;
  let milestones: Handle<MilestoneCommand>;

  const update = (milestoneId: string, rag: string, extra: object = {}): MilestoneCommand => ({
    type: 'UpdateMilestone',
    data: { planId: 'halton', milestoneId, period: '2025-26 Q2', rag, commentary: `${milestoneId} is ${rag}`, effectiveOn: '2025-09-30', ...extra } as never,
    now,
  });
  const rating = (milestoneId: string, rag: string, extra: object = {}) => milestones.item(update(milestoneId, rag, extra), { label: milestoneId });
  const all = (items: ReturnType<typeof rating>[], context: CommandContext = newContext()) => executor.all(items, context);
  const count = async () => (await store.readAll()).length;
  const ratingsOf = async (milestoneId: string) =>
    (await store.readStream(streamId('halton', milestoneId))).filter((e) => e.type === 'MilestoneUpdated').map((e) => (e.data as { rag: string }).rag);
  /** Another process on the same store: its own executor, its own folds. */
  const elsewhere = () => new LocalExecutor(new CommandPipeline(store)).for(milestoneDecider, streamOfCommand);

  beforeEach(async () => {
    store = new SqliteEventStore({ path: ':memory:' });
    executor = new LocalExecutor(new CommandPipeline(store));
    milestones = executor.for(milestoneDecider, streamOfCommand);
    for (const milestoneId of MILESTONES) {
      const plan = { exists: true, priorityIds: ['CYP P1', 'CYP P2'] };
      await milestones({ type: 'AddMilestone', data: { planId: 'halton', plan, milestoneId, priorityId: `CYP P${milestoneId[1]}`, title: milestoneId }, now }, newContext());
    }
  });
  afterEach(() => store.close());

  it('records a file once, with the uploader, the file name and its hash on every event', async () => {
    const file = Buffer.from('Milestone,RAG\nP1.1,green\n…');
    const sha256 = createHash('sha256').update(file).digest('hex');
    const context = newContext({
      actor: uploader,
      idempotencyKey: `return-${sha256}`,
      requestHash: fingerprint({ sha256 }),
      extra: { fileName: 'Halton Q2 return.xlsx', sha256 },
    });
    const upload = () => all(MILESTONES.map((m) => rating(m, 'green')), context);
    const first = await upload();
    expect(first.results.map((r) => r.revision)).toEqual([1, 1, 1, 1, 1]);
    const events = (await store.readAll()).filter((e) => e.type === 'MilestoneUpdated');
    expect(events).toHaveLength(5);
    for (const event of events) {
      expect(event.metadata).toMatchObject({ actor: uploader, fileName: 'Halton Q2 return.xlsx', sha256, command: 'UpdateMilestone' });
      expect(event.data).toMatchObject({ effectiveOn: '2025-09-30' });
    }
    expect(first.position).toBe(Number(events[events.length - 1]!.position));

    const before = await count();
    const second = await upload();
    expect(second).toEqual({ ...first, results: first.results.map((r) => ({ ...r, replayed: true })) });
    expect(await count()).toBe(before);
  });

  it('lists every refused row by index and records none of the others', async () => {
    const before = await count();
    const rows = MILESTONES.map((m) => rating(m, 'amber'));
    rows[1] = rating('P1.2', 'amber', { effectiveOn: '2025-12-31' });
    rows[3] = rating('P9.9', 'amber');
    const refused = await all(rows).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CommandsRefusedError);
    expect((refused as CommandsRefusedError).refusals).toEqual([
      expect.objectContaining({ index: 1, label: 'P1.2', kind: 'rule', field: 'effectiveOn' }),
      expect.objectContaining({ index: 3, label: 'P9.9', kind: 'not-found', field: 'milestoneId' }),
    ]);
    expect(await count()).toBe(before);
  });

  it('refuses a batch that names a milestone twice, naming the second', async () => {
    const refused = await all([rating('P1.1', 'green'), rating('P1.2', 'green'), rating('P1.1', 'red')]).catch((e: unknown) => e);
    expect((refused as CommandsRefusedError).refusals).toEqual([expect.objectContaining({ index: 2, message: expect.stringContaining('#0') })]);
    expect(await ratingsOf('P1.1')).toEqual([]);
  });

  it("runs one after another with this process's single commands on the same streams, in the order they came", async () => {
    const single = (rag: string, reason?: string) => milestones(update('P1.1', rag, reason ? { reason } : {}), newContext());
    const [a, batch, b] = await Promise.all([
      single('green'),
      all(MILESTONES.map((m) => rating(m, 'red', { reason: 'Board view' }))),
      single('amber', 'Late figures'),
    ]);
    expect([a.revision, batch.results[0]!.revision, b.revision]).toEqual([1, 2, 3]);
    expect(await ratingsOf('P1.1')).toEqual(['green', 'red', 'amber']);
  });

  it("retries the whole batch over another writer's update, and refuses it with the stream named when the client expected a revision", async () => {
    await all(MILESTONES.map((m) => rating(m, 'green')));
    // Another process writes P2.1 behind this executor's kept folds.
    await elsewhere()(update('P2.1', 'red', { reason: 'Performance team' }), newContext());

    const retried = await all(MILESTONES.map((m) => rating(m, 'amber', { reason: 'Board view' })));
    expect(retried.results.map((r) => r.revision)).toEqual([2, 2, 2, 3, 2]);
    expect(await ratingsOf('P2.1')).toEqual(['green', 'red', 'amber']);

    await elsewhere()(update('P1.3', 'red', { reason: 'Performance team' }), newContext());
    const before = await count();
    const stale = MILESTONES.map((m, i) =>
      milestones.item(update(m, 'green', { reason: 'Back on course' }), { label: m, expectedRevision: retried.results[i]!.revision }),
    );
    const conflict = await all(stale).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(WrongExpectedRevisionError);
    expect(conflict).toMatchObject({ streamId: streamId('halton', 'P1.3'), expected: 2, actual: 3 });
    expect(await count()).toBe(before);
  });
});
