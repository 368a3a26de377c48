import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { WriterThread } from '../../src/write-side/writer-thread';
import { WRITER_THREAD } from '../../src/write-side/write-side.module';
import { recordSmallPlan } from '../support/plan-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The application on a file store, run from the sources as the tests run it, has the thread layout of the
 * compiled server: commands are decided and committed on the writer thread, never on the thread that
 * answers requests. And when that thread stops before it confirms a change, the client is told the
 * truth: the change may have been recorded, and a retry with the same Idempotency-Key is safe.
 */
const UPDATE = '/api/plans/halton/milestones/P2.1/updates';
const rating = (commentary: string) => ({ period: '2025-26 Q2', rag: 'amber', commentary, effectiveOn: '2025-09-30' });

describe('the writer thread, from the sources', () => {
  let dir: string;
  let t: TestApp;
  const path = () => join(dir, 'tracker.db');
  const events = () => {
    const db = new Database(path(), { readonly: true });
    try {
      return (db.prepare("SELECT COUNT(*) AS n FROM events WHERE stream_id = 'milestone-halton/P2.1'").get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-writer-'));
    t = await startTestApp({ EVENT_STORE_URL: `sqlite:${path()}` });
    await recordSmallPlan(t);
  }, 30_000);
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('decides and commits every command on the writer thread: the request thread’s connection writes nothing', async () => {
    expect(t.app.get(WRITER_THREAD, { strict: false })).toBeInstanceOf(WriterThread);
    const changes = () => (t.store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = changes();
    const answers = await Promise.all(['First view', 'Second view', 'Third view'].map((c, i) => t.request('POST', UPDATE, { ...rating(c), reason: `view ${i}` })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(events()).toBe(4);
    expect(changes()).toBe(before);
    // The read models are fed there too, and the request thread reads them.
    const board = await t.request('GET', `/api/plans/halton/board?minPosition=${Math.max(...answers.map((a) => a.body.position))}`);
    expect(board.body.priorities[0].milestones[0].commentary).toMatch(/view$/);
  });

  it('answers 503 with Retry-After when the writer stops before confirming, and the retry with the same key records it once', async () => {
    const writer = t.app.get(WRITER_THREAD, { strict: false }) as unknown as { worker: Worker; pending: Map<number, unknown> };
    const worker = writer.worker;
    const sent = async (count: number) => {
      while (writer.pending.size < count) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    // The read models first catch up, so the writer is idle. Then another connection holds the write lock,
    // as a long transaction would: the writer waits inside the commit of a first change (or, on a slow
    // machine, has not taken it yet), and the next messages queue up behind it.
    expect((await t.request('GET', '/health')).status).toBe(200);
    const other = new Database(path());
    other.exec('BEGIN IMMEDIATE');
    const first = t.request('POST', UPDATE, { ...rating('Committed once the lock is released'), reason: 'First' });
    await sent(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const keyed = () => t.request('POST', UPDATE, { ...rating('Recorded once whatever happens'), reason: 'Second' }, { 'idempotency-key': 'board-2025-10-14-p2.1' });
    const lost = keyed();
    await sent(2);
    // A message the writer cannot read throws on its thread: it stops there, as it would on any bug,
    // after taking the keyed change and before confirming it.
    worker.postMessage(null);
    other.exec('ROLLBACK');
    other.close();
    // The first change was committed once the lock went, or was still waiting with the keyed one.
    const firstAnswer = await first;
    expect([201, 503]).toContain(firstAnswer.status);
    const answer = await lost;
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('2');
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body.detail).toMatch(/may have been recorded\. Retry it with the same Idempotency-Key/);

    // While it starts again nothing is taken (and nothing recorded); then the retry goes through, once.
    let retried = await keyed();
    const deadline = Date.now() + 10_000;
    while (retried.status === 503 && Date.now() < deadline) {
      expect(retried.body.detail).toMatch(/Nothing was recorded/);
      await new Promise((resolve) => setTimeout(resolve, 100));
      retried = await keyed();
    }
    expect(retried.status).toBe(201);
    expect((await keyed()).body).toEqual(retried.body);
    expect(events()).toBe(firstAnswer.status === 201 ? 3 : 2);
  }, 30_000);
});
