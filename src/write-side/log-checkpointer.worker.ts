import { parentPort, workerData } from 'node:worker_threads';
import { checkpointLog, openSqlite } from '../event-store/sqlite-connection';

export interface CheckpointerData {
  path: string;
  intervalMs: number;
}

/**
 * Copies the embedded store's write-ahead log back into the database on a thread of its own, so the
 * thread that commits appends never stops for long (see checkpointLog). Stops on any message.
 */
function run({ path, intervalMs }: CheckpointerData): void {
  const db = openSqlite(path, 'checkpointer');
  const timer = setInterval(() => checkpointLog(db), intervalMs);
  parentPort!.once('message', () => {
    clearInterval(timer);
    db.close();
    parentPort!.close();
  });
}

run(workerData as CheckpointerData);
