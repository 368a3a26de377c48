import type Database from 'better-sqlite3';

/**
 * A rebuild drops the read models' secondary indexes and builds them again at the end: building an
 * index once over the finished table is far cheaper than keeping it up to date row by row. The dropped
 * definitions are noted in the same transaction, so a rebuild that dies half-way leaves them to restore.
 */
export function dropIndexes(db: Database.Database, tables: readonly string[]): void {
  if (tables.length === 0) return;
  const indexes = db
    .prepare<string[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`,
    )
    .all(...tables);
  db.transaction(() => {
    const note = db.prepare('INSERT OR REPLACE INTO projection_deferred_indexes (name, sql) VALUES (?, ?)');
    for (const index of indexes) {
      note.run(index.name, index.sql);
      db.exec(`DROP INDEX ${index.name}`);
    }
  }).immediate();
}

/** Builds every index a rebuild dropped (at its end, or on the next start after it died). */
export function restoreIndexes(db: Database.Database): void {
  const deferred = db.prepare<[], { name: string; sql: string }>('SELECT name, sql FROM projection_deferred_indexes').all();
  if (deferred.length === 0) return;
  db.transaction(() => {
    for (const index of deferred) db.exec(index.sql.replace(/^CREATE INDEX /i, 'CREATE INDEX IF NOT EXISTS '));
    db.exec('DELETE FROM projection_deferred_indexes');
  }).immediate();
}
