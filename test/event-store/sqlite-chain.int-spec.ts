import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENESIS, nextLink } from '../../src/event-store/chain';
import { NewEvent, WrongExpectedRevisionError } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { migrate, SQLITE_EVENT_STORE_MIGRATIONS } from '../../src/event-store/sqlite-schema';
import { verifyLog } from '../../src/integrity/verify/verify-log';

const rating = (rag: string): NewEvent => ({ eventId: randomUUID(), type: 'MilestoneUpdated', data: { rag }, metadata: { actor: { id: 'u1' } } });

/** Every stored link is the one computed from the event and the link before it. */
async function expectOneChain(store: SqliteEventStore): Promise<number> {
  let link = GENESIS;
  const events = await store.readAll({ links: true });
  const computed: string[] = [];
  for (const event of events) {
    link = nextLink(link, event);
    computed.push(link);
  }
  expect(events.map((e) => e.link)).toEqual(computed);
  expect(await store.chainHead()).toEqual({ position: events.at(-1)?.position ?? -1n, hash: link });
  const verdict = await verifyLog(store);
  expect(verdict).toMatchObject({ ok: true, events: events.length });
  return events.length;
}

describe('the embedded store links every event it writes into one chain', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tracker-chain-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('through a group commit where some appends are refused, alone or with others, and through multi-stream appends', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    await store.append('s-a', [rating('red')], { expectedRevision: 'no-stream' });
    const outcomes = await Promise.allSettled([
      store.append('s-a', [rating('amber')], { expectedRevision: 0 }),
      store.append('s-a', [rating('green'), rating('green')], { expectedRevision: 0 }), // conflicts: refused, its two events undone
      store.append('s-b', [rating('red'), rating('amber')], { expectedRevision: 'no-stream' }),
      store.appendMany([
        { streamId: 's-c', events: [rating('red')], expectedRevision: 'no-stream' },
        { streamId: 's-b', events: [rating('green')], expectedRevision: 7 }, // refuses the whole multi-stream append
      ]),
      store.appendMany([
        { streamId: 's-d', events: [rating('red')], expectedRevision: 'no-stream' },
        { streamId: 's-a', events: [rating('complete')], expectedRevision: 1 },
      ]),
      store.append('s-e', [rating('red')], { expectedRevision: 'no-stream' }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect(await expectOneChain(store)).toBe(7);
    await store.close();
  });

  it('when two processes write to the same file in turn', async () => {
    const path = join(dir, 'shared.db');
    const one = new SqliteEventStore({ path });
    const two = new SqliteEventStore({ path });
    for (let i = 0; i < 20; i++) {
      const writer = i % 3 === 0 ? two : one;
      await writer.append(`s-${i % 4}`, [rating('red'), rating('amber')], { expectedRevision: 'any' });
    }
    expect(await expectOneChain(one)).toBe(40);
    await one.close();
    await two.close();
  });

  it('gives the events of a store written before the chain their links on upgrade, reporting progress, and goes on from there', async () => {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    migrate(old, 'event_store', SQLITE_EVENT_STORE_MIGRATIONS.slice(0, -1));
    const insert = old.prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    old.transaction(() => {
      for (let i = 0; i < 45_000; i++) {
        insert.run(randomUUID(), `milestone-c${i % 300}/P1.1`, Math.floor(i / 300), 'MilestoneUpdated', JSON.stringify({ rag: 'red', i }), '{}', '2024-01-01T00:00:00.000Z');
      }
    })();
    old.close();

    const seen: Array<{ done: number; total: number }> = [];
    const store = new SqliteEventStore({ path, onUpgrade: ({ done, total }) => seen.push({ done, total }) });
    expect(seen.map((s) => s.done)).toEqual([20_000, 40_000, 45_000]);
    expect(seen.every((s) => s.total === 45_000)).toBe(true);
    await store.append('milestone-c0/P1.1', [rating('green')], { expectedRevision: 149 });
    expect(await expectOneChain(store)).toBe(45_001);
    await store.close();
  });

  it('carries on an upgrade that was interrupted half-way, and one run by two processes at once', async () => {
    const path = join(dir, 'half.db');
    const store = new SqliteEventStore({ path });
    for (let i = 0; i < 30; i++) await store.append(`s-${i % 3}`, [rating('red')], { expectedRevision: 'any' });
    // As an upgrade stopped after position 12 leaves it: the column there, later events without links, the version not moved.
    store.db.exec('UPDATE events SET chain = NULL WHERE position > 12');
    store.db.prepare("UPDATE schema_versions SET version = ? WHERE component = 'event_store'").run(SQLITE_EVENT_STORE_MIGRATIONS.length - 1);
    await store.close();

    const first = new SqliteEventStore({ path });
    const second = new SqliteEventStore({ path });
    expect(await expectOneChain(second)).toBe(30);
    expect(second.db.prepare("SELECT version FROM schema_versions WHERE component = 'event_store'").get()).toEqual({ version: SQLITE_EVENT_STORE_MIGRATIONS.length });
    await first.close();
    await second.close();
  });
});
