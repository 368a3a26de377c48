import type Database from 'better-sqlite3';
import { chainUnchainedEvents } from './sqlite-chain-backfill';

/** How far a long upgrade has got: `done` of `total` (events, for the chain's backfill). */
export type UpgradeProgress = (progress: { what: string; done: number; total: number }) => void;

/**
 * A step of a schema: SQL, run with the version's bump in one transaction; or work too long for one
 * transaction (a backfill), which commits as it goes and must carry on where an interrupted run stopped.
 */
export type Migration = string | { describe: string; run: (db: Database.Database, progress?: UpgradeProgress) => void };

/**
 * Versioned schema: each component owns a list of migrations, applied in order, once, on start.
 * The version reached is kept per component in `schema_versions`. Each step checks the version again
 * under the write lock, so processes opening an old store at the same time apply each step once.
 */
export function migrate(db: Database.Database, component: string, migrations: Migration[], progress?: UpgradeProgress): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const versionOf = db.prepare<[string], { version: number }>('SELECT version FROM schema_versions WHERE component = ?');
  const current = () => versionOf.get(component)?.version ?? 0;
  const reached = current();
  if (reached > migrations.length) {
    throw new Error(
      `The database's ${component} schema is at version ${reached}, newer than this program knows (${migrations.length}). Upgrade the program.`,
    );
  }
  // Up to date: nothing to write, so no write lock to wait for (a rebuild's readers open the store while
  // its writer holds that lock).
  if (reached === migrations.length) return;
  const bump = db.prepare(
    'INSERT INTO schema_versions (component, version) VALUES (?, ?) ON CONFLICT(component) DO UPDATE SET version = excluded.version',
  );
  let version = reached + 1;
  while (version <= migrations.length) {
    const step = migrations[version - 1]!;
    if (typeof step !== 'string') {
      step.run(db, progress);
      const done = version;
      db.transaction(() => current() < done && bump.run(component, done)).immediate();
      version += 1;
      continue;
    }
    // SQL steps up to the next long one go in one transaction.
    let last = version;
    while (last < migrations.length && typeof migrations[last] === 'string') last += 1;
    const from = version;
    db.transaction(() => {
      for (let v = Math.max(from, current() + 1); v <= last; v++) db.exec(migrations[v - 1] as string);
      if (current() < last) bump.run(component, last);
    }).immediate();
    version = last + 1;
  }
}

export const SQLITE_EVENT_STORE_MIGRATIONS: Migration[] = [
  `CREATE TABLE events (
     position    INTEGER PRIMARY KEY AUTOINCREMENT,
     event_id    TEXT    NOT NULL,
     stream_id   TEXT    NOT NULL,
     revision    INTEGER NOT NULL,
     type        TEXT    NOT NULL,
     data        TEXT    NOT NULL,
     metadata    TEXT    NOT NULL,
     recorded_at TEXT    NOT NULL,
     UNIQUE (stream_id, revision)
   );
   CREATE INDEX events_by_event_id ON events (stream_id, event_id);`,
  // A stream's events lie scattered through the table (streams are written interleaved); this index holds
  // what a command folds, in stream order, so loading a stream reads a few adjacent pages, not one per event.
  `CREATE INDEX events_stream_facts ON events (stream_id, revision, type, data);`,
  // Only an append with expectedRevision 'any' looks events up by id, within one stream: the stream's own
  // index finds its rows. The index cost every append a write to one more random page.
  `DROP INDEX events_by_event_id;`,
  // A request with an Idempotency-Key looks for its first attempt's events by id. Only keyed events are
  // indexed, so an append without a key writes no more pages than before.
  `CREATE INDEX events_keyed ON events (stream_id, event_id) WHERE json_extract(metadata, '$.idempotencyKey') IS NOT NULL;`,
  // Each event's link in the hash chain (see chain.ts), written with it; a store from before gets its links now.
  { describe: 'the integrity chain', run: chainUnchainedEvents },
];
