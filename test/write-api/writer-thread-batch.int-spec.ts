import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandsRefusedError, Handle } from '../../src/domain/command';
import { WrongExpectedRevisionError } from '../../src/event-store/event-store.port';
import { MilestoneCommand, milestoneDecider, streamId, streamOfCommand } from '../../src/milestone/milestone';
import { newContext } from '../../src/write-side/command-context';
import { WriterThread } from '../../src/write-side/writer-thread';

/**
 * On a file store the server decides commands and commits appends on its writer thread. A batch must be
 * as atomic there: a refused row or a stale revision leaves the file untouched, an accepted batch lands in
 * one commit, and another process's write between two batches is retried over.
 */
describe('many commands as one on the writer thread of a SQLite file', () => {
  const MILESTONES = Array.from({ length: 12 }, (_, i) => `P${Math.floor(i / 4) + 1}.${(i % 4) + 1}`);
  const now = '2025-10-20T09:00:00.000Z';
  let dir: string;
  let writer: WriterThread;
  let milestones: Handle<MilestoneCommand>;
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
  const rating = (milestoneId: string, rag: string, extra: object = {}, expectedRevision?: number) =>
    milestones.item(
      {
        type: 'UpdateMilestone',
        data: { planId: 'halton', milestoneId, period: '2025-26 Q2', rag, commentary: `${milestoneId}: ${rag}`, effectiveOn: '2025-09-30', ...extra } as never,
        now,
      },
      { label: milestoneId, ...(expectedRevision === undefined ? {} : { expectedRevision }) },
    );
  const all = (items: ReturnType<typeof rating>[]) => writer.all(items, newContext({ extra: { fileName: 'q2.xlsx' } }));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-thread-batch-'));
    writer = new WriterThread({ path: path() });
    await writer.start();
    milestones = writer.for(milestoneDecider, streamOfCommand);
    const plan = { exists: true, priorityIds: ['CYP P1', 'CYP P2', 'CYP P3'] };
    for (const milestoneId of MILESTONES) {
      const data = { planId: 'halton', plan, milestoneId, priorityId: `CYP P${milestoneId[1]}`, title: milestoneId };
      await milestones({ type: 'AddMilestone', data, now }, newContext());
    }
  }, 30_000);
  afterAll(async () => {
    await writer?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records nothing when rows 3 and 7 are refused, and names both', async () => {
    const before = eventCount();
    const rows = MILESTONES.map((m) => rating(m, 'green'));
    rows[3] = rating(MILESTONES[3]!, 'green', { effectiveOn: '2026-01-15' });
    rows[7] = rating(MILESTONES[7]!, 'green', { commentary: ' ' });
    const refused = (await all(rows).catch((e: unknown) => e)) as CommandsRefusedError;
    expect(refused).toBeInstanceOf(CommandsRefusedError);
    expect(refused.refusals.map((r) => [r.index, r.field])).toEqual([
      [3, 'effectiveOn'],
      [7, 'commentary'],
    ]);
    expect(eventCount()).toBe(before);
  });

  it('commits an accepted batch in one go: consecutive positions, one recording time, the file named on each event', async () => {
    const before = eventCount();
    const result = await all(MILESTONES.map((m) => rating(m, 'amber')));
    expect(result.results.map((r) => r.revision)).toEqual(Array(12).fill(1));
    const rows = inFile("SELECT position, recorded_at, metadata FROM events WHERE type = 'MilestoneUpdated' ORDER BY position");
    expect(rows).toHaveLength(12);
    expect(eventCount()).toBe(before + 12);
    expect(rows.map((r) => r.position)).toEqual(Array.from({ length: 12 }, (_, i) => rows[0].position + i));
    expect(new Set(rows.map((r) => r.recorded_at)).size).toBe(1);
    expect(rows.every((r) => JSON.parse(r.metadata).fileName === 'q2.xlsx')).toBe(true);
    expect(result.position).toBe(rows[11].position);
  });

  it("retries over another process's write, and refuses a stale expected revision naming the stream, storing nothing", async () => {
    const p21 = streamId('halton', 'P2.1');
    const other = new Database(path());
    other.pragma('busy_timeout = 5000');
    const data = { period: '2025-26 Q2', rag: 'red', commentary: 'Written by another process', effectiveOn: '2025-09-30', reason: 'Late figures' };
    other
      .prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, 2, ?, ?, ?, ?)')
      .run(randomUUID(), p21, 'MilestoneUpdated', JSON.stringify(data), '{}', new Date().toISOString());
    other.close();

    const retried = await all(MILESTONES.map((m) => rating(m, 'green', { reason: 'Board view' })));
    expect(retried.results.map((r) => r.revision)).toEqual(MILESTONES.map((m) => (m === 'P2.1' ? 3 : 2)));
    expect(inFile('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision', p21).map((r) => r.revision)).toEqual([0, 1, 2, 3]);

    const before = eventCount();
    const stale = MILESTONES.map((m, i) => rating(m, 'red', { reason: 'Worse' }, m === 'P3.2' ? 1 : retried.results[i]!.revision));
    const conflict = (await all(stale).catch((e: unknown) => e)) as WrongExpectedRevisionError;
    expect(conflict).toBeInstanceOf(WrongExpectedRevisionError);
    expect(conflict).toMatchObject({ streamId: streamId('halton', 'P3.2'), expected: 1, actual: 2 });
    expect(eventCount()).toBe(before);
  });
});
