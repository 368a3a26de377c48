import type Database from 'better-sqlite3';

/** Every row of every table, each table's rows in a stable order, for row-by-row comparison. */
export function dumpTables(db: Database.Database, tables: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(
    tables.map((table) => [
      table,
      db
        .prepare(`SELECT * FROM ${table}`)
        .all()
        .map((row) => JSON.stringify(row))
        .sort(),
    ]),
  );
}

export const checkpointsOf = (db: Database.Database) =>
  db.prepare('SELECT projection, position FROM projection_checkpoints ORDER BY projection').all();
