import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openFailure } from './sqlite-trouble';

/** Log pages (4 KiB each) after which a commit copies the write-ahead log back into the database. */
export const WAL_CHECKPOINT_PAGES = 16_384;

/**
 * Log pages the file keeps when the log starts again from its beginning. Rewriting pages the file already
 * has makes a commit's fsync faster than growing it (its size need not be synced too), so the file is cut
 * back only past what the server's writer lets the log reach (4 × WAL_CHECKPOINT_PAGES).
 */
export const WAL_FILE_KEPT_PAGES = 4 * WAL_CHECKPOINT_PAGES;

/**
 * How long the checkpointer's final RESTART may wait for the writer's transaction and for readers of the
 * log to finish (ms); it holds new writes back meanwhile, so it gives up quickly and tries again later.
 */
const RESTART_WAIT_MS = 20;

/**
 * Who a connection is for:
 * - `store`: any connection to the embedded store's file (the server's, a command line's, a rebuild's);
 * - `writer`: the server's writer thread, whose log a checkpointer keeps short (its own threshold only
 *   stands in should the checkpointer stop);
 * - `checkpointer`: the thread that copies the log back, and gives up at once on a busy database;
 * - `read-models`: the read models' own file, beside a KurrentDB store;
 * - `backup`: the source of an online backup, which only reads a file that must exist.
 */
export type ConnectionRole = 'store' | 'writer' | 'checkpointer' | 'read-models' | 'backup';

/**
 * Opens a SQLite file (or ':memory:') with the settings its role needs: the one place connections are made.
 * A file that cannot be opened stops the caller with a message naming it and the likely cause.
 */
export function openSqlite(path: string, role: ConnectionRole): Database.Database {
  try {
    return configure(path, role);
  } catch (error) {
    throw openFailure(error, path, role === 'read-models' ? "read models' file" : "event store's file");
  }
}

function configure(path: string, role: ConnectionRole): Database.Database {
  if (role === 'backup') {
    const source = new Database(path, { readonly: true, fileMustExist: true });
    source.pragma('busy_timeout = 5000');
    return source;
  }
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${role === 'checkpointer' ? RESTART_WAIT_MS : 5000}`);
  if (role === 'read-models') return db;
  // A checkpoint copies the log back into the database inside some commit, blocking it. SQLite's default
  // (every 4 MB of log) ran several a second under steady writes; a larger log lets a hot page be copied
  // once for many commits.
  db.pragma(`wal_autocheckpoint = ${role === 'writer' ? WAL_FILE_KEPT_PAGES : WAL_CHECKPOINT_PAGES}`);
  db.pragma(`journal_size_limit = ${WAL_FILE_KEPT_PAGES * 4096}`);
  return db;
}

/**
 * PASSIVE passes of one checkpoint at most. A PASSIVE pass copies the log up to where it stood when the
 * pass began, without waiting for or blocking anyone. Under steady writes there is more by the time it
 * ends, so passes follow one another, each copying what was committed during the last (shorter each time).
 */
const MAX_PASSES = 20;

interface CheckpointResult {
  /** 1 when the checkpoint could not finish (the writer or a reader was still at work). */
  busy: number;
  /** Frames in the log, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

/**
 * Copies the log into the database file, then starts it again from its beginning (on a `checkpointer`
 * connection). The log only starts again when a writer begins at a moment it is entirely copied and no
 * reader is in it, which steady writes never leave. With PASSIVE alone the log grew until the committing
 * thread's own threshold made it copy and sync everything itself, holding every commit up meanwhile. So
 * once the PASSIVE passes have caught up, a RESTART copies the few frames left and waits for the log's
 * readers, holding the writer back for a few ms.
 */
export function checkpointLog(db: Database.Database): void {
  let before = -1;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
    if (!result || result.log <= before) break;
    before = result.log;
  }
  db.pragma('wal_checkpoint(RESTART)');
}
