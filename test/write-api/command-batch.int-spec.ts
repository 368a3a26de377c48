import { createHash } from 'node:crypto';
import { BatchCommand, CommandsRefusedError } from '../../src/command-pipeline/command-batch';
import { fingerprint, newContext } from '../../src/command-pipeline/command-context';
import { CommandPipeline } from '../../src/command-pipeline/command-pipeline';
import { WrongExpectedRevisionError } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { MilestoneCommand, milestoneDecider, streamId } from '../../src/milestone/milestone';

/**
 * Many commands as one, as the quarterly-return upload runs them: one row per milestone, the uploader as
 * actor, the file named on every event, nothing recorded twice for the same file, and other writers
 * (this process's single updates, another process) never losing a write.
 */
describe('running many commands as one', () => {
  const MILESTONES = ['P1.1', 'P1.2', 'P1.3', 'P2.1', 'P2.2'];
  const uploader = { id: 'u-17', name: 'Improvement team', role: 'board-member' };
  let store: SqliteEventStore;
  let pipeline: CommandPipeline;

  const rating = (milestoneId: string, rag: string, extra: object = {}): BatchCommand<MilestoneCommand> => ({
    decider: milestoneDecider,
    streamId: streamId('halton', milestoneId),
    commandName: 'UpdateMilestone',
    command: () => ({ type: 'UpdateMilestone', data: { period: '2025-26 Q2', rag, commentary: `${milestoneId} is ${rag}`, effectiveOn: '2025-09-30', ...extra } as never }),
    label: milestoneId,
  });
  const count = async () => (await store.readAll()).length;
  const ratingsOf = async (milestoneId: string) =>
    (await store.readStream(streamId('halton', milestoneId))).filter((e) => e.type === 'MilestoneUpdated').map((e) => (e.data as { rag: string }).rag);

  beforeEach(async () => {
    store = new SqliteEventStore({ path: ':memory:' });
    pipeline = new CommandPipeline(store);
    for (const milestoneId of MILESTONES) {
      await pipeline.run({
        decider: milestoneDecider,
        streamId: streamId('halton', milestoneId),
        commandName: 'AddMilestone',
        command: () => ({
          type: 'AddMilestone' as const,
          data: { planId: 'halton', plan: { exists: true, priorityIds: ['CYP P1', 'CYP P2'] }, milestoneId, priorityId: `CYP P${milestoneId[1]}`, title: milestoneId },
        }),
        context: newContext(),
      });
    }
  });
  afterEach(() => store.close());

  it('records a file once, with the uploader, the file name and its hash on every event', async () => {
    const file = Buffer.from('Milestone,RAG\nP1.1,green\n…');
    const sha256 = createHash('sha256').update(file).digest('hex');
    const upload = () =>
      pipeline.runMany({
        commands: MILESTONES.map((m) => rating(m, 'green')),
        context: newContext({
          actor: uploader,
          idempotencyKey: `return-${sha256}`,
          requestHash: fingerprint({ sha256 }),
          extra: { fileName: 'Halton Q2 return.xlsx', sha256 },
        }),
      });
    const first = await upload();
    expect(first.results.map((r) => r.revision)).toEqual([1, 1, 1, 1, 1]);
    const events = (await store.readAll()).filter((e) => e.type === 'MilestoneUpdated');
    expect(events).toHaveLength(5);
    for (const event of events) {
      expect(event.metadata).toMatchObject({ actor: uploader, fileName: 'Halton Q2 return.xlsx', sha256, command: 'UpdateMilestone', effectiveOn: '2025-09-30' });
    }
    expect(first.position).toBe(Number(events[events.length - 1]!.position));

    const before = await count();
    const second = await upload();
    expect(second).toEqual(first);
    expect(await count()).toBe(before);
  });

  it('lists every refused row by index and records none of the others', async () => {
    const before = await count();
    const rows = MILESTONES.map((m) => rating(m, 'amber'));
    rows[1] = rating('P1.2', 'amber', { effectiveOn: '2025-12-31' });
    rows[3] = rating('P9.9', 'amber');
    const refused = await pipeline.runMany({ commands: rows, context: newContext() }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CommandsRefusedError);
    expect((refused as CommandsRefusedError).refusals).toEqual([
      expect.objectContaining({ index: 1, label: 'P1.2', kind: 'rule', field: 'effectiveOn' }),
      expect.objectContaining({ index: 3, label: 'P9.9', kind: 'not-found', field: 'milestoneId' }),
    ]);
    expect(await count()).toBe(before);
  });

  it('refuses a batch that names a milestone twice, naming the second', async () => {
    const refused = await pipeline
      .runMany({ commands: [rating('P1.1', 'green'), rating('P1.2', 'green'), rating('P1.1', 'red')], context: newContext() })
      .catch((e: unknown) => e);
    expect((refused as CommandsRefusedError).refusals).toEqual([expect.objectContaining({ index: 2, message: expect.stringContaining('#0') })]);
    expect(await ratingsOf('P1.1')).toEqual([]);
  });

  it("runs one after another with this process's single commands on the same streams, in the order they came", async () => {
    const single = (rag: string, reason?: string) =>
      pipeline.run({ ...rating('P1.1', rag, reason ? { reason } : {}), context: newContext() });
    const [a, batch, b] = await Promise.all([
      single('green'),
      pipeline.runMany({ commands: MILESTONES.map((m) => rating(m, 'red', { reason: 'Board view' })), context: newContext() }),
      single('amber', 'Late figures'),
    ]);
    expect([a.revision, batch.results[0]!.revision, b.revision]).toEqual([1, 2, 3]);
    expect(await ratingsOf('P1.1')).toEqual(['green', 'red', 'amber']);
  });

  it("retries the whole batch over another writer's update, and refuses it with the stream named when the client expected a revision", async () => {
    await pipeline.runMany({ commands: MILESTONES.map((m) => rating(m, 'green')), context: newContext() });
    // Another process writes P2.1 behind this pipeline's cached folds.
    await new CommandPipeline(store).run({ ...rating('P2.1', 'red', { reason: 'Performance team' }), context: newContext() });

    const retried = await pipeline.runMany({ commands: MILESTONES.map((m) => rating(m, 'amber', { reason: 'Board view' })), context: newContext() });
    expect(retried.results.map((r) => r.revision)).toEqual([2, 2, 2, 3, 2]);
    expect(await ratingsOf('P2.1')).toEqual(['green', 'red', 'amber']);

    await new CommandPipeline(store).run({ ...rating('P1.3', 'red', { reason: 'Performance team' }), context: newContext() });
    const before = await count();
    const stale = MILESTONES.map((m, i) => ({ ...rating(m, 'green', { reason: 'Back on course' }), expectedRevision: retried.results[i]!.revision }));
    const conflict = await pipeline.runMany({ commands: stale, context: newContext() }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(WrongExpectedRevisionError);
    expect(conflict).toMatchObject({ streamId: streamId('halton', 'P1.3'), expected: 2, actual: 3 });
    expect(await count()).toBe(before);
  });
});
