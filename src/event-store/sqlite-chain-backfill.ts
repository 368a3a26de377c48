import type Database from 'better-sqlite3';
import { canonicalText, GENESIS, linkAfter } from './chain';

/** Events linked per transaction: short enough that the server's writer, or another process, waits little. */
const BATCH = 20_000;

type Row = [number, string, string, number, string, string, string, string];

/**
 * Gives every event without a link its link, in position order, from the link before it: the upgrade of a
 * store written before the chain. It commits every BATCH events and starts where the links stop, so a run
 * interrupted, or one running at the same time in another process, is carried on, never undone.
 */
export function chainUnchainedEvents(db: Database.Database, progress?: (progress: { what: string; done: number; total: number }) => void): void {
  db.transaction(() => {
    const has = db.prepare("SELECT 1 FROM pragma_table_info('events') WHERE name = 'chain'").get();
    // 32 bytes, not the 64 hex digits shown: every row is read by scans of the log.
    if (!has) db.exec('ALTER TABLE events ADD COLUMN chain BLOB');
  }).immediate();
  const firstUnchained = db.prepare<[number], { position: number }>(
    'SELECT position FROM events WHERE position >= ? AND chain IS NULL ORDER BY position LIMIT 1',
  );
  const linkBefore = db.prepare<[number], Buffer | null>('SELECT chain FROM events WHERE position < ? ORDER BY position DESC LIMIT 1').pluck();
  const rows = db
    .prepare<[number, number], Row>(
      'SELECT position, event_id, stream_id, revision, type, data, metadata, recorded_at FROM events WHERE position >= ? ORDER BY position LIMIT ?',
    )
    .raw(true);
  const link = db.prepare<[Buffer, number]>('UPDATE events SET chain = ? WHERE position = ?');
  const head = db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events').get()?.position ?? 0;
  const start = firstUnchained.get(0)?.position;
  if (start === undefined) return;
  const total = head - start + 1;
  let cursor = start;
  for (;;) {
    const linked = db
      .transaction(() => {
        const from = firstUnchained.get(cursor)?.position;
        if (from === undefined) return -1;
        let previous = linkBefore.get(from)?.toString('hex') ?? GENESIS;
        const batch = rows.all(from, BATCH);
        for (const [position, eventId, streamId, revision, type, data, metadata, recordedAt] of batch) {
          // Written again as JSON.stringify writes it, as every later read of the event gives it.
          const canonical = canonicalText(eventId, streamId, revision, type, normal(data), normal(metadata), recordedAt);
          previous = linkAfter(previous, canonical);
          link.run(Buffer.from(previous, 'hex'), position);
          cursor = position + 1;
        }
        return batch.length;
      })
      .immediate();
    if (linked <= 0) break;
    progress?.({ what: 'Adding the integrity chain to the event store', done: Math.min(total, cursor - start), total });
  }
}

const normal = (json: string): string => JSON.stringify(JSON.parse(json));
