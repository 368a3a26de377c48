import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchCommand, CommandsRefusedError } from '../../src/command-pipeline/command-batch';
import type { CommandPipeline } from '../../src/command-pipeline/command-pipeline';
import type { WrongExpectedRevisionError } from '../../src/event-store/event-store.port';
import type { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import type { ProjectionThread } from '../../src/projections/projection-thread';
import { buildProduct, removeBuild } from '../support/build';

/**
 * On a file store the server decides commands and commits appends on its writer thread (compiled program
 * only). A batch must be as atomic there: a refused row or a stale revision leaves the file untouched, an
 * accepted batch lands in one commit, and another process's write between two batches is retried over.
 */
describe('many commands as one on the writer thread of a SQLite file', () => {
  const MILESTONES = Array.from({ length: 12 }, (_, i) => `P${Math.floor(i / 4) + 1}.${(i % 4) + 1}`);
  let build: string;
  let dir: string;
  let store: SqliteEventStore;
  let pipeline: CommandPipeline;
  let thread: ProjectionThread;
  let milestone: typeof import('../../src/milestone/milestone');
  let newContext: typeof import('../../src/command-pipeline/command-context').newContext;
  const path = () => join(dir, 'tracker.db');

  /** What is in the file, read by a connection of its own. */
  const inFile = (sql: string, ...params: unknown[]) => {
    const db = new Database(path(), { readonly: true });
    try {
      return db.prepare(sql).all(...params) as any[];
    } finally {
      db.close();
    }
  };
  const eventCount = () => inFile('SELECT COUNT(*) AS n FROM events')[0].n as number;
  const rating = (milestoneId: string, rag: string, extra: object = {}): BatchCommand => ({
    decider: milestone.milestoneDecider,
    streamId: milestone.streamId('halton', milestoneId),
    commandName: 'UpdateMilestone',
    command: () => ({ type: 'UpdateMilestone', data: { period: '2025-26 Q2', rag, commentary: `${milestoneId}: ${rag}`, effectiveOn: '2025-09-30', ...extra } }),
    label: milestoneId,
  });
  const runMany = (commands: BatchCommand[]) => pipeline.runMany({ commands, context: newContext({ extra: { fileName: 'q2.xlsx' } }) });

  beforeAll(async () => {
    build = buildProduct();
    dir = mkdtempSync(join(tmpdir(), 'tracker-thread-batch-'));
    // The compiled modules, as the server runs them: the thread exists only there.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { SqliteEventStore } = require(join(build, 'event-store', 'sqlite-event-store.js'));
    const { CommandPipeline } = require(join(build, 'command-pipeline', 'command-pipeline.js'));
    const { ProjectionThread } = require(join(build, 'projections', 'projection-thread.js'));
    milestone = require(join(build, 'milestone', 'milestone.js'));
    newContext = require(join(build, 'command-pipeline', 'command-context.js')).newContext;
    /* eslint-enable @typescript-eslint/no-require-imports */
    store = new SqliteEventStore({ path: path(), writerThread: true });
    pipeline = new CommandPipeline(store);
    thread = ProjectionThread.for(store, -1, pipeline)!;
    expect(thread).toBeDefined();
    await thread.start();
    for (const milestoneId of MILESTONES) {
      await store.append(milestone.streamId('halton', milestoneId), [{ eventId: randomUUID(), type: 'MilestoneAdded', data: { milestoneId, priorityId: 'CYP P1', title: milestoneId } }], {
        expectedRevision: 'no-stream',
      });
    }
  }, 120_000);
  afterAll(async () => {
    await thread?.stop();
    await store?.close();
    removeBuild();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records nothing when rows 3 and 7 are refused, and names both', async () => {
    const before = eventCount();
    const rows = MILESTONES.map((m) => rating(m, 'green'));
    rows[3] = rating(MILESTONES[3]!, 'green', { effectiveOn: '2026-01-15' });
    rows[7] = rating(MILESTONES[7]!, 'green', { commentary: ' ' });
    const refused = (await runMany(rows).catch((e: unknown) => e)) as CommandsRefusedError;
    expect(refused.name).toBe('CommandsRefusedError');
    expect(refused.refusals.map((r) => [r.index, r.field])).toEqual([
      [3, 'effectiveOn'],
      [7, 'commentary'],
    ]);
    expect(eventCount()).toBe(before);
  });

  it('commits an accepted batch in one go: consecutive positions, one recording time, the file named on each event', async () => {
    const before = eventCount();
    const result = await runMany(MILESTONES.map((m) => rating(m, 'amber')));
    expect(result.results.map((r) => r.revision)).toEqual(Array(12).fill(1));
    const rows = inFile("SELECT position, recorded_at, metadata FROM events WHERE type = 'MilestoneUpdated' ORDER BY position");
    expect(rows).toHaveLength(12);
    expect(eventCount()).toBe(before + 12);
    expect(rows.map((r) => r.position)).toEqual(Array.from({ length: 12 }, (_, i) => rows[0].position + i));
    expect(new Set(rows.map((r) => r.recorded_at)).size).toBe(1);
    expect(rows.every((r) => JSON.parse(r.metadata).fileName === 'q2.xlsx')).toBe(true);
    expect(result.position).toBe(rows[11].position);
    // Decided on the writer thread: this thread read no stream and kept no fold.
    expect(pipeline.cachedStates().streams).toBe(0);
  });

  it("retries over another process's write, and refuses a stale expected revision naming the stream, storing nothing", async () => {
    const p21 = milestone.streamId('halton', 'P2.1');
    const other = new Database(path());
    other.pragma('busy_timeout = 5000');
    const data = { period: '2025-26 Q2', rag: 'red', commentary: 'Written by another process', effectiveOn: '2025-09-30', reason: 'Late figures' };
    other
      .prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, 2, ?, ?, ?, ?)')
      .run(randomUUID(), p21, 'MilestoneUpdated', JSON.stringify(data), '{}', new Date().toISOString());
    other.close();

    const retried = await runMany(MILESTONES.map((m) => rating(m, 'green', { reason: 'Board view' })));
    expect(retried.results.map((r) => r.revision)).toEqual(MILESTONES.map((m) => (m === 'P2.1' ? 3 : 2)));
    expect(inFile('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision', p21).map((r) => r.revision)).toEqual([0, 1, 2, 3]);

    const before = eventCount();
    const stale = MILESTONES.map((m) => ({ ...rating(m, 'red', { reason: 'Worse' }), expectedRevision: m === 'P3.2' ? 1 : retried.results[MILESTONES.indexOf(m)]!.revision }));
    const conflict = (await runMany(stale).catch((e: unknown) => e)) as WrongExpectedRevisionError;
    expect(conflict).toMatchObject({ name: 'WrongExpectedRevisionError', streamId: milestone.streamId('halton', 'P3.2'), expected: 1, actual: 2 });
    expect(eventCount()).toBe(before);
  });

  it('appends to several streams all or none through the thread', async () => {
    const before = eventCount();
    const event = (type: string) => ({ eventId: randomUUID(), type, data: {} });
    await expect(
      store.appendMany([
        { streamId: 'contract-new', events: [event('A')], expectedRevision: 'no-stream' },
        { streamId: milestone.streamId('halton', 'P1.1'), events: [event('B')], expectedRevision: 0 },
      ]),
    ).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', streamId: milestone.streamId('halton', 'P1.1') });
    expect(eventCount()).toBe(before);
    const results = await store.appendMany([
      { streamId: 'contract-new', events: [event('A')], expectedRevision: 'no-stream' },
      { streamId: 'contract-other', events: [event('B'), event('C')], expectedRevision: 'no-stream' },
    ]);
    expect(results.map((r) => r.nextRevision)).toEqual([0, 1]);
    expect(eventCount()).toBe(before + 3);
  });
});
