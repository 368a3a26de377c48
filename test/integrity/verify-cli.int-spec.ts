import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalText, linkAfter } from '../../src/event-store/chain';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { chainUnchainedEvents } from '../../src/event-store/sqlite-chain-backfill';
import { runVerifyCli } from '../../src/cli/verify.cli';
import { capture, copyStore, haltonStore } from './support/halton-store';

/** `npm run verify` on the Halton plan's store, untouched and then tampered with straight in the SQLite file. */
describe('npm run verify', () => {
  let dir: string;
  let original: string;
  let events: number;
  let n = 0;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-verify-'));
    original = join(dir, 'halton.db');
    events = await haltonStore(original);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A copy of the store, changed by `tamper` with plain SQL, as someone with the file could. */
  const tampered = (tamper: (db: Database.Database) => void) => {
    const path = copyStore(original, join(dir, `copy-${n++}.db`));
    const db = new Database(path);
    tamper(db);
    db.close();
    return path;
  };
  const verify = async (path: string, args: string[] = []) => {
    const io = capture();
    const code = await runVerifyCli(args, { EVENT_STORE_URL: `sqlite:${path}` }, io);
    return { code, out: io.lines, err: io.errors() };
  };
  /** The position of the first rating with this RAG, e.g. an amber to turn green. */
  const ratingAt = (rag: string) => {
    const db = new Database(original, { readonly: true });
    const row = db
      .prepare("SELECT position FROM events WHERE type = 'MilestoneUpdated' AND data LIKE ? AND position < ? ORDER BY position LIMIT 1")
      .get(`%"rag":"${rag}"%`, events - 5) as { position: number };
    db.close();
    return row.position;
  };

  it('passes the untouched store, naming the events it verified and the head, with a progress bar', async () => {
    const store = new SqliteEventStore({ path: original });
    const head = await store.chainHead();
    await store.close();
    const { code, out, err } = await verify(original);
    expect(code).toBe(0);
    expect(out).toEqual([`verified ${events} events, head ${events} ${head.hash}`]);
    expect(err).toContain('100.0%');
  });

  it('names the position of a rating edited in the file', async () => {
    const position = ratingAt('amber');
    const path = tampered((db) => db.prepare(`UPDATE events SET data = replace(data, '"rag":"amber"', '"rag":"green"') WHERE position = ?`).run(position));
    const { code, err } = await verify(path);
    expect(code).toBe(1);
    expect(err).toContain(`The chain breaks at position ${position}: the event there does not match its link. It was changed`);
    expect(err).toContain(`${position - 1} events before it verified`);
  });

  it('names the event after a deleted one, and the gap where it was', async () => {
    const position = ratingAt('amber');
    const path = tampered((db) => db.prepare('DELETE FROM events WHERE position = ?').run(position));
    const { code, err } = await verify(path);
    expect(code).toBe(1);
    expect(err).toContain(`The chain breaks at position ${position + 1}:`);
    expect(err).toContain(`an event recorded between position ${position - 1} and it was deleted`);
  });

  it('names an event inserted in the middle of the log, even with the link it would have had', async () => {
    const at = ratingAt('green');
    const path = tampered((db) => {
      db.prepare('UPDATE events SET position = -position WHERE position >= ?').run(at);
      db.prepare('UPDATE events SET position = 1 - position WHERE position < 0').run();
      const before = db.prepare('SELECT hex(chain) AS chain FROM events WHERE position = ?').get(at - 1) as { chain: string };
      const forged = { eventId: '6f0c1a52-0000-4000-8000-000000000001', streamId: 'milestone-halton/P2.1', revision: 99, type: 'MilestoneUpdated', data: '{"rag":"green"}', metadata: '{}', recordedAt: '2025-10-01T09:00:00.000Z' };
      const link = Buffer.from(linkAfter(before.chain.toLowerCase(), canonicalText(forged.eventId, forged.streamId, forged.revision, forged.type, forged.data, forged.metadata, forged.recordedAt)), 'hex');
      db.prepare('INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata, recorded_at, chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        at, forged.eventId, forged.streamId, forged.revision, forged.type, forged.data, forged.metadata, forged.recordedAt, link,
      );
    });
    const { code, err } = await verify(path);
    expect(code).toBe(1);
    expect(err).toContain(`The chain breaks at position ${at}: the event there does not belong in the chain: the next one, at position ${at + 1}, follows on from position ${at - 1}. It was inserted`);
  });

  it('names an event added at the end by hand, without a link', async () => {
    const path = tampered((db) =>
      db.prepare("INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES ('6f0c1a52-0000-4000-8000-000000000002', 'milestone-halton/P2.1', 99, 'MilestoneUpdated', '{}', '{}', '2025-10-01T09:00:00.000Z')").run(),
    );
    const { code, err } = await verify(path);
    expect(code).toBe(1);
    expect(err).toContain(`The chain breaks at position ${events + 1}: the event there has no link in the chain`);
  });

  it('names the first of two events swapped in the order', async () => {
    const at = ratingAt('amber');
    const path = tampered((db) => {
      db.prepare('UPDATE events SET position = -1 WHERE position = ?').run(at);
      db.prepare('UPDATE events SET position = ? WHERE position = ?').run(at, at + 1);
      db.prepare('UPDATE events SET position = ? WHERE position = -1').run(at + 1);
    });
    const { code, err } = await verify(path);
    expect(code).toBe(1);
    expect(err).toContain(`The chain breaks at position ${at}:`);
  });

  it('notices the last events deleted from the end of the log', async () => {
    const path = tampered((db) => db.prepare('DELETE FROM events WHERE position > ?').run(events - 2));
    const { code, err } = await verify(path);
    expect(code).toBe(1);
    expect(err).toContain(`The chain breaks at position ${events - 1}: the log ends at position ${events - 2}, but the store gave positions up to ${events}`);
  });

  it('holds a log rewritten whole, links recomputed, to a head recorded before', async () => {
    const { out } = await verify(original);
    const [, position, hash] = /head (\d+) ([0-9a-f]{64})$/.exec(out[0]!)!;
    const path = tampered((db) => {
      db.prepare(`UPDATE events SET data = replace(data, '"rag":"amber"', '"rag":"green"') WHERE position = ?`).run(ratingAt('amber'));
      db.prepare('UPDATE events SET chain = NULL').run();
      chainUnchainedEvents(db);
    });
    expect((await verify(path)).code).toBe(0);
    const anchored = await verify(path, ['--head', `${position}:${hash}`]);
    expect(anchored.code).toBe(1);
    expect(anchored.err).toContain(`The chain breaks at position ${position}: its link is`);
    expect((await verify(original, ['--head', `${position}:${hash}`])).code).toBe(0);
  });

  it('refuses a malformed recorded head and a store that does not exist, naming them', async () => {
    const bad = await verify(original, ['--head', '12:xyz']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--head must be <position>:<64 lower-case hex digits>; got "12:xyz"');
    const missing = await verify(join(dir, 'nowhere.db'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`The store ${join(dir, 'nowhere.db')} does not exist`);
  });
});
