import type Database from 'better-sqlite3';

/**
 * Versioned schema: each component owns a list of migrations, applied in order, once, on start.
 * The version reached is kept per component in `schema_versions`.
 */
export type Migration = string;

export function migrate(db: Database.Database, component: string, migrations: Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const row = db.prepare<[string], { version: number }>('SELECT version FROM schema_versions WHERE component = ?').get(component);
  const current = row?.version ?? 0;
  if (current > migrations.length) {
    throw new Error(
      `The database's ${component} schema is at version ${current}, newer than this program knows (${migrations.length}). Upgrade the program.`,
    );
  }
  // Up to date: nothing to write, so no write lock to wait for (a rebuild's readers open the store while
  // its writer holds that lock).
  if (current === migrations.length) return;
  db.transaction(() => {
    for (let version = current + 1; version <= migrations.length; version++) db.exec(migrations[version - 1]!);
    db.prepare('INSERT INTO schema_versions (component, version) VALUES (?, ?) ON CONFLICT(component) DO UPDATE SET version = excluded.version').run(
      component,
      migrations.length,
    );
  }).immediate();
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
];
