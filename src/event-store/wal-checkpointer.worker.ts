import type Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from './sqlite-appender';

export interface CheckpointerData {
  path: string;
  intervalMs: number;
}

/**
 * PASSIVE passes of one checkpoint at most. A PASSIVE pass copies the log up to where it stood when the
 * pass began, without waiting for or blocking anyone. Under steady writes there is more by the time it
 * ends, so passes follow one another, each copying what was committed during the last (shorter each time).
 */
const MAX_PASSES = 20;

/**
 * How long the final RESTART may wait for the writer's transaction and for readers of the log to finish
 * (ms); it holds new writes back meanwhile, so it gives up quickly and tries again at the next checkpoint.
 */
const RESTART_WAIT_MS = 20;

interface CheckpointResult {
  /** 1 when the checkpoint could not finish (the writer or a reader was still at work). */
  busy: number;
  /** Frames in the log, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

/**
 * Copies the log into the database file, then starts it again from its beginning. The log only starts
 * again when a writer begins at a moment it is entirely copied and no reader is in it, which steady
 * writes never leave. With PASSIVE alone the log grew until the committing thread's own threshold made it
 * copy and sync everything itself: half a second without a commit, every five seconds, under the
 * national-scale load. So once the PASSIVE passes have caught up, a RESTART copies the few frames left
 * and waits for the log's readers, holding the writer back for a few ms.
 */
function checkpoint(db: Database.Database): void {
  let before = -1;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
    if (!result || result.log <= before) break;
    before = result.log;
  }
  db.pragma('wal_checkpoint(RESTART)');
}

/**
 * Copies the embedded store's write-ahead log back into the database on a thread of its own, so the
 * thread that commits appends never stops for long (see checkpoint). Stops on any message. Runs from the
 * compiled dist/ only.
 */
function run({ path, intervalMs }: CheckpointerData): void {
  const db = openSqlite(path, 'FULL');
  db.pragma(`busy_timeout = ${RESTART_WAIT_MS}`);
  const timer = setInterval(() => checkpoint(db), intervalMs);
  parentPort!.once('message', () => {
    clearInterval(timer);
    db.close();
    parentPort!.close();
  });
}

run(workerData as CheckpointerData);
