import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** Tables of the store itself, or of the read models' bookkeeping (checkpoints), rather than read models. */
const NOT_READ_MODELS = /^(events|schema_versions|sqlite_.*|projection_.*)$/;

/** Every row of every read model table in a SQLite file, each table in the order of all its columns. */
export function readModelSnapshot(path: string): Record<string, unknown[][]> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((t) => t.name)
      .filter((name) => !NOT_READ_MODELS.test(name));
    return Object.fromEntries(
      tables.map((table) => {
        const columns = db
          .prepare<[], { name: string }>(`PRAGMA table_info(${table})`)
          .all()
          .map((c) => c.name);
        const rows = db
          .prepare(`SELECT * FROM ${table} ORDER BY ${columns.map((_, i) => i + 1).join(', ')}`)
          .raw(true)
          .all();
        return [table, rows as unknown[][]];
      }),
    );
  } finally {
    db.close();
  }
}

/** Runs the compiled `projections:rebuild` on a SQLite file to its end; rejects if it fails. */
export function rebuild(buildDir: string, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(buildDir, 'cli', 'rebuild.cli.js')], {
      env: { PATH: process.env.PATH ?? '', EVENT_STORE_URL: `sqlite:${path}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`the rebuild failed (${code}): ${output}`))));
  });
}

/** The read models a full rebuild from position 0 gives for the store in `path` (rebuilt on a copy, which is left beside it). */
export async function rebuiltSnapshot(buildDir: string, path: string): Promise<Record<string, unknown[][]>> {
  const copy = `${path}.rebuilt`;
  copyFileSync(path, copy);
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
  await rebuild(buildDir, copy);
  return readModelSnapshot(copy);
}
