import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { migrate, SQLITE_EVENT_STORE_MIGRATIONS } from '../../src/event-store/sqlite-schema';
import { eventStoreContract } from './event-store.contract';

function clockedStore(path: string) {
  let now: Date | undefined;
  const store = new SqliteEventStore({ path, clock: () => now ?? new Date() });
  return { store, clockIsInjected: true, setClock: (at: Date) => (now = at) };
}

eventStoreContract('SQLite (in memory)', async () => clockedStore(':memory:'), (ctx) => ctx.store.close());

describe('SQLite event store, reading a selection of streams', () => {
  it('gives the events of the streams named and of those under a prefix, in log order, within the bounds', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const append = (streamId: string, type: string) =>
      store.append(streamId, [{ eventId: randomUUID(), type, data: {} }], { expectedRevision: 'any' });
    await append('plan-h', 'PlanCreated');
    await append('milestone-h/P1', 'MilestoneAdded');
    await append('milestone-h2/P1', 'MilestoneAdded'); // another plan whose id starts the same
    await append('milestone-h/P2', 'MilestoneAdded');
    await append('plan-h', 'TokenIssued'); // a type not asked for
    await append('visit-h/v1', 'VisitRecorded');
    const read = (after: number, recordedTo = '9999') => [
      ...store.readSelection(
        { streams: ['plan-h'], prefixes: ['milestone-h/', 'visit-h/'], types: ['PlanCreated', 'MilestoneAdded', 'VisitRecorded'] },
        { after, recordedFrom: '', recordedTo },
      ),
    ];
    expect(read(0).map((e) => `${e.position} ${e.streamId}`)).toEqual(['1 plan-h', '2 milestone-h/P1', '4 milestone-h/P2', '6 visit-h/v1']);
    expect(read(2).map((e) => e.position)).toEqual([4n, 6n]);
    expect(read(0, '2000')).toEqual([]);

    const prepared: string[] = [];
    const prepare = store.db.prepare.bind(store.db);
    const spy = jest.spyOn(store.db, 'prepare').mockImplementation(((sql: string) => (prepared.push(sql), prepare(sql))) as typeof store.db.prepare);
    const one = store.readSelection({ streams: ['a'], prefixes: ['b/', 'c/'], types: ['X'] }, { after: 0, recordedFrom: '', recordedTo: 'z' });
    expect([...one]).toEqual([]);
    spy.mockRestore();
    expect(prepared).toHaveLength(1);
    const plan = prepare(`EXPLAIN QUERY PLAN ${prepared[0]}`)
      .all('a', 'b/', 'b0', 'c/', 'c0', 'X', 0, '', 'z')
      .map((row: any) => row.detail as string);
    expect(plan.filter((line) => line.startsWith('SCAN'))).toEqual([]);
    await store.close();
  });
});

describe('SQLite event store, the last event of a selection of streams', () => {
  it('names the latest recorded by a time, skips types not asked for and other plans, and reads only the stream index when the latest is wanted', async () => {
    let now = new Date('2025-01-01T09:00:00.000Z');
    const store = new SqliteEventStore({ path: ':memory:', clock: () => now });
    const append = (at: string, streamId: string, type: string) => {
      now = new Date(at);
      return store.append(streamId, [{ eventId: randomUUID(), type, data: {} }], { expectedRevision: 'any' });
    };
    const selection = { streams: ['plan-h'], prefixes: ['milestone-h/'], types: ['PlanCreated', 'MilestoneAdded', 'MilestoneUpdated'] };
    expect(store.lastInSelection(selection, '9999')).toBeUndefined();
    await append('2025-01-01T09:00:00.000Z', 'plan-h', 'PlanCreated');
    await append('2025-02-01T09:00:00.000Z', 'milestone-h/P1', 'MilestoneAdded');
    await append('2025-03-01T09:00:00.000Z', 'milestone-h/P1', 'MilestoneUpdated');
    await append('2025-04-01T09:00:00.000Z', 'milestone-h2/P1', 'MilestoneAdded'); // another plan whose id starts the same
    await append('2025-05-01T09:00:00.000Z', 'plan-h', 'TokenIssued'); // a type not asked for

    expect(store.lastInSelection(selection, '9999')).toEqual({ position: 3n, recordedAt: '2025-03-01T09:00:00.000Z' });
    // A document of the past ends where the log stood then.
    expect(store.lastInSelection(selection, '2025-02-15T00:00:00.000Z')).toEqual({ position: 2n, recordedAt: '2025-02-01T09:00:00.000Z' });
    expect(store.lastInSelection(selection, '2025-02-01T09:00:00.000Z')).toEqual({ position: 2n, recordedAt: '2025-02-01T09:00:00.000Z' });
    expect(store.lastInSelection(selection, '2024-12-31T00:00:00.000Z')).toBeUndefined();

    const prepared: string[] = [];
    const prepare = store.db.prepare.bind(store.db);
    const spy = jest.spyOn(store.db, 'prepare').mockImplementation(((sql: string) => (prepared.push(sql), prepare(sql))) as typeof store.db.prepare);
    store.lastInSelection({ streams: ['a'], prefixes: ['b/'], types: ['X'] }, 'z');
    spy.mockRestore();
    const plan = prepare(`EXPLAIN QUERY PLAN ${prepared[0]}`)
      .all('a', 'b/', 'b0', 'X')
      .map((row: any) => row.detail as string);
    expect(plan.filter((line) => line.includes('COVERING INDEX'))).not.toEqual([]);
    expect(plan.filter((line) => line.startsWith('SCAN') || (line.includes('USING') && !line.includes('COVERING INDEX')))).toEqual([]);
    await store.close();
  });
});

describe('SQLite event store on a file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tracker-store-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the directory, keeps events across a restart and reports the schema version', async () => {
    const path = join(dir, 'nested', 'tracker.db');
    const first = new SqliteEventStore({ path });
    const eventId = randomUUID();
    await first.append('plan-halton', [{ eventId, type: 'PlanCreated', data: { planId: 'halton' } }], { expectedRevision: 'no-stream' });
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(first.db.pragma('wal_autocheckpoint', { simple: true })).toBe(16_384);
    await first.close();

    const reopened = new SqliteEventStore({ path });
    expect((await reopened.readStream('plan-halton')).map((e) => e.eventId)).toEqual([eventId]);
    expect(reopened.db.prepare("SELECT version FROM schema_versions WHERE component = 'event_store'").get()).toEqual({ version: SQLITE_EVENT_STORE_MIGRATIONS.length });
    await reopened.close();
  });

  it('opens, and reads, while another connection is in the middle of a write', async () => {
    const path = join(dir, 'tracker.db');
    const first = new SqliteEventStore({ path });
    await first.append('plan-halton', [{ eventId: randomUUID(), type: 'PlanCreated', data: { planId: 'halton' } }], {
      expectedRevision: 'no-stream',
    });
    first.db.exec('BEGIN IMMEDIATE'); // the server, mid-commit
    try {
      const second = new SqliteEventStore({ path });
      expect((await second.readStream('plan-halton')).map((e) => e.type)).toEqual(['PlanCreated']);
      await second.close();
    } finally {
      first.db.exec('ROLLBACK');
      await first.close();
    }
  }, 10_000);

  it('upgrades a store of the first schema in place: its events kept, its streams loaded through the new index', async () => {
    const path = join(dir, 'v1.db');
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    migrate(old, 'event_store', SQLITE_EVENT_STORE_MIGRATIONS.slice(0, 1));
    old.prepare(
      `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
       VALUES ('e1', 'milestone-halton/P2.1', 0, 'MilestoneAdded', '{"milestoneId":"P2.1"}', '{}', '2024-01-01T00:00:00.000Z')`,
    ).run();
    old.close();

    const store = new SqliteEventStore({ path });
    expect(await store.readStreamFacts('milestone-halton/P2.1')).toEqual([{ revision: 0, type: 'MilestoneAdded', data: { milestoneId: 'P2.1' } }]);
    const plan = store.db
      .prepare<[], { detail: string }>("EXPLAIN QUERY PLAN SELECT revision, type, data FROM events WHERE stream_id = 'x' AND revision >= 0 ORDER BY revision")
      .all();
    expect(plan.map((step) => step.detail).join()).toContain('COVERING INDEX events_stream_facts');
    await store.close();
  });

  it('sees events appended by another process on the same file through its subscription', async () => {
    const path = join(dir, 'shared.db');
    const reader = new SqliteEventStore({ path, pollIntervalMs: 20 });
    const writer = new SqliteEventStore({ path });
    const received: string[] = [];
    const subscription = reader.subscribe({}, (e) => void received.push(e.type));
    await subscription.caughtUp;
    await writer.append('plan-x', [{ eventId: randomUUID(), type: 'PlanCreated', data: {} }], { expectedRevision: 'no-stream' });
    const deadline = Date.now() + 5000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(received).toEqual(['PlanCreated']);
    await subscription.stop();
    await writer.close();
    await reader.close();
  });

  it('refuses to open a database written by a newer version of the program', async () => {
    const path = join(dir, 'future.db');
    const store = new SqliteEventStore({ path });
    store.db.prepare("UPDATE schema_versions SET version = 99 WHERE component = 'event_store'").run();
    await store.close();
    expect(() => new SqliteEventStore({ path })).toThrow(/version 99, newer than this program knows/);
  });
});

describe('SQLite event store, finding the first attempt of a retried request', () => {
  it('looks a keyed event up through an index, whatever the length of its stream', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const keyed = { eventId: randomUUID(), type: 'MilestoneUpdated', data: {}, metadata: { idempotencyKey: 'k' } };
    await store.append('milestone-h/P1', [keyed], { expectedRevision: 'no-stream' });
    const plan = store.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT * FROM events WHERE stream_id = ? AND event_id = ? AND json_extract(metadata, '$.idempotencyKey') IS NOT NULL`,
      )
      .all('milestone-h/P1', keyed.eventId)
      .map((row: any) => row.detail as string);
    expect(plan).toEqual([expect.stringContaining('USING INDEX events_keyed')]);
    expect((await store.findKeyedEvent('milestone-h/P1', keyed.eventId))?.eventId).toBe(keyed.eventId);
    await store.close();
  });
});
