import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from './sqlite-appender';

export interface CheckpointerData {
  path: string;
  intervalMs: number;
}

/**
 * Copies the embedded store's write-ahead log back into the database on a thread of its own, so the
 * thread that commits appends never stops for it (a checkpoint at 1M events takes about 30 ms). PASSIVE:
 * it never waits for, nor blocks, readers or the writer. Stops on any message. Runs from the compiled dist/ only.
 */
function run({ path, intervalMs }: CheckpointerData): void {
  const db = openSqlite(path, 'FULL');
  const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), intervalMs);
  parentPort!.once('message', () => {
    clearInterval(timer);
    db.close();
    parentPort!.close();
  });
}

run(workerData as CheckpointerData);
