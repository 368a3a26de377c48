import Database from 'better-sqlite3';
import { closeSync, copyFileSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartedServer, startServer } from '../../src/bench/measure';
import { buildProduct, removeBuild } from '../support/build';

/**
 * The compiled server on a file store decides commands, commits appends and feeds the read models on its
 * writer thread. Seen from outside, nothing may differ: every write kept once, conflicts and domain
 * errors refused as on one thread, reads of one's own writes, other processes' writes projected and
 * decided on, everything there after a restart.
 */
const TOKEN = 'writer-thread-admin-token-0123456789';
const MILESTONE = '/api/plans/halton/milestones/P2.1/updates';
const rating = (i: number) => ({ period: '2025-26 Q2', rag: i % 2 ? 'amber' : 'green', commentary: `Board view ${i}`, effectiveOn: '2025-09-30' });

describe('the compiled server with its writer thread', () => {
  let build: string;
  let dir: string;
  let server: StartedServer;
  const dbPath = () => join(dir, 'tracker.db');
  const start = async () => (server = await startServer(join(build, 'main.js'), { EVENT_STORE_URL: `sqlite:${dbPath()}`, TRACKER_ADMIN_TOKEN: TOKEN }));
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    build = buildProduct();
    dir = mkdtempSync(join(tmpdir(), 'tracker-thread-'));
    await start();
    for (const [path, body] of [
      ['/api/plans', { planId: 'halton', localAuthority: 'Halton Borough Council', title: 'Improvement plan' }],
      ['/api/plans/halton/priorities', { priorityId: 'CYP P2', title: 'Placement sufficiency and stability' }],
      ['/api/plans/halton/milestones', { milestoneId: 'P2.1', priorityId: 'CYP P2', title: 'Placement moves', owner: 'Children in Care' }],
    ] as const) {
      expect((await call('POST', path, body)).status).toBe(201);
    }
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    removeBuild();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps all of 20 concurrent corrections and refuses 19 of 20 writers with one expectedRevision', async () => {
    expect((await call('POST', MILESTONE, rating(100))).status).toBe(201);
    const corrections = await Promise.all(Array.from({ length: 20 }, (_, i) => call('POST', MILESTONE, { ...rating(i), reason: `correction ${i}` })));
    expect(corrections.map((c) => c.status)).toEqual(Array(20).fill(201));
    expect(corrections.map((c) => c.body.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));

    const racing = await Promise.all(Array.from({ length: 20 }, (_, i) => call('POST', MILESTONE, { ...rating(i + 50), reason: 'race', expectedRevision: 21 })));
    expect(racing.filter((r) => r.status === 201)).toHaveLength(1);
    expect(racing.filter((r) => r.status === 409).map((r) => r.body.currentRevision)).toEqual(Array(19).fill(22));
  });

  it("answers a read of one's own write, and reports the read models caught up with the store", async () => {
    const write = await call('POST', MILESTONE, { ...rating(7), rag: 'red', commentary: 'Read me back', reason: 'Latest figures' });
    expect(write.status).toBe(201);
    const board = await call('GET', `/api/plans/halton/board?minPosition=${write.body.position}`);
    expect(board.status).toBe(200);
    expect(JSON.stringify(board.body)).toContain('Read me back');
    const health = await call('GET', '/health');
    expect(health.body).toMatchObject({ status: 'ok', position: String(write.body.position), projections: { status: 'caught-up', lag: 0 } });
  });

  it('decides commands on the thread as this thread would: errors keep their status and field, retries append nothing', async () => {
    const uncorrected = await call('POST', MILESTONE, { ...rating(3), commentary: 'A second view with no reason' });
    expect(uncorrected.status).toBe(422);
    expect(uncorrected.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect(uncorrected.body.detail).toContain('needs a reason');
    const unknown = await call('POST', '/api/plans/halton/milestones/P9.9/updates', rating(1));
    expect(unknown.status).toBe(404);

    const keyed = async () => {
      const res = await fetch(`${server.baseUrl}${MILESTONE}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': 'board-pack-7' },
        body: JSON.stringify({ ...rating(8), reason: 'Sent twice' }),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const first = await keyed();
    const retried = await keyed();
    expect(first.status).toBe(201);
    // The same answer, and (counted after the restart below) one event stored, not two.
    expect(retried.body).toEqual(first.body);
  });

  it('projects what another process appends to the same file', async () => {
    const other = new Database(dbPath());
    other.pragma('busy_timeout = 5000');
    const { revision } = other.prepare("SELECT MAX(revision) AS revision FROM events WHERE stream_id = 'milestone-halton/P2.1'").get() as { revision: number };
    const data = { period: '2025-26 Q3', rag: 'green', commentary: 'Written by another process', effectiveOn: '2025-12-31' };
    const { lastInsertRowid } = other
      .prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(randomUUID(), 'milestone-halton/P2.1', revision + 1, 'MilestoneUpdated', JSON.stringify(data), JSON.stringify({ effectiveOn: data.effectiveOn }), new Date().toISOString());
    other.close();
    const board = await call('GET', `/api/plans/halton/board?minPosition=${lastInsertRowid}`);
    expect(board.status).toBe(200);
    expect(JSON.stringify(board.body)).toContain('Written by another process');
    // The next command decides on it too: the same rating again changes nothing.
    const again = await call('POST', MILESTONE, data);
    expect(again.status).toBe(422);
  });

  it('copies the write-ahead log back into the database file while it runs', async () => {
    const inStore = () => {
      const db = new Database(dbPath(), { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    // The database file alone (as a file copy without its -wal would have it) holds what was checkpointed.
    const inFileAlone = () => {
      const copy = join(dir, 'file-alone.db');
      copyFileSync(dbPath(), copy);
      const db = new Database(copy, { readonly: true });
      try {
        // Until the first checkpoint even the schema is only in the log.
        const hasEvents = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'events'").get() !== undefined;
        return hasEvents ? (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n : 0;
      } catch (error) {
        // A copy taken while a checkpoint writes pages can be torn; the next one is taken after it.
        if (['SQLITE_CORRUPT', 'SQLITE_NOTADB'].includes((error as { code?: string }).code ?? '')) return -1;
        throw error;
      } finally {
        db.close();
        rmSync(copy, { force: true });
      }
    };
    const written = inStore();
    const deadline = Date.now() + 5000;
    while (inFileAlone() < written && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(inFileAlone()).toBe(written);
  });

  it('has every write after a restart, with recording times in the order of the log', async () => {
    const knownAt = new Date().toISOString();
    const before = await call('GET', `/api/plans/halton/board?knownAt=${knownAt}`);
    await server.stop();
    await start();
    const after = await call('GET', `/api/plans/halton/board?knownAt=${knownAt}`);
    expect(after.body).toEqual(before.body);
    expect(JSON.stringify(after.body)).toContain('Written by another process');
    const db = new Database(dbPath(), { readonly: true });
    const rows = db.prepare('SELECT recorded_at FROM events ORDER BY position').all() as Array<{ recorded_at: string }>;
    db.close();
    // Plan, priority, milestone, first rating, 20 corrections, 1 race winner, 1 read-back, 1 keyed (sent twice),
    // 1 from the other process.
    expect(rows).toHaveLength(28);
    expect(rows.map((r) => r.recorded_at)).toEqual(rows.map((r) => r.recorded_at).sort());
  }, 60_000);

  it('starts the write-ahead log again from its beginning while writes never stop', async () => {
    // The log's header counts the times it was started again (checkpoint sequence, bytes 12-15). That can
    // only happen once a checkpoint has copied all of it; otherwise the log grows until the committing
    // thread stops to copy it all itself, which at national scale held every command up for half a second.
    const restarts = () => {
      const fd = openSync(`${dbPath()}-wal`, 'r');
      try {
        const header = Buffer.alloc(16);
        readSync(fd, header, 0, 16, 0);
        return header.readUInt32BE(12);
      } finally {
        closeSync(fd);
      }
    };
    const before = restarts();
    let i = 0;
    const until = Date.now() + 3500;
    // Eight writers, each sending its next correction as soon as the last is answered: commits never pause.
    const writer = async () => {
      while (Date.now() < until) {
        const n = i++;
        const res = await call('POST', MILESTONE, { ...rating(1000 + n), commentary: `Steady ${n}`, reason: 'Board correction' });
        expect(res.status).toBe(201);
      }
    };
    await Promise.all(Array.from({ length: 8 }, writer));
    expect(i).toBeGreaterThan(200);
    expect(restarts()).toBeGreaterThan(before);
  }, 60_000);
});
