import { Worker } from 'node:worker_threads';
import { EventStore } from '../../event-store/event-store.port';
import { startWorker } from '../../platform/worker-script';
import { SqliteEventStore } from '../../event-store/sqlite-event-store';
import { ProjectedBatch } from '../engine/read-models';
import { ReadModels } from '../engine/read-models';
import type { RebuildWorkerData, WindowRows } from './rebuild.worker';

/** Batches each worker may have in flight: enough to keep the cores busy, few enough to bound memory. */
const IN_FLIGHT = 4;
/**
 * Workers reading and projecting: reading and parsing an event costs more than writing its rows, so two
 * of them keep the writing thread busy (one left it idle part of the time).
 */
export const REBUILD_WORKERS = 2;

/** The file of a store that worker threads can open on their own: a SQLite file (not ':memory:', which is private to its connection). */
export function workerPathFor(store: EventStore): string | undefined {
  return store instanceof SqliteEventStore && store.db.name !== ':memory:' ? store.db.name : undefined;
}

/**
 * Receives projected rows from the workers and writes them in position order, a transaction every
 * `commitEvery` events. `prepare` (emptying the read models) runs while the workers start, and the
 * bulk transaction opens once every worker has its own connection to the store.
 */
export function loadWithWorkers(
  readModels: ReadModels,
  data: Omit<RebuildWorkerData, 'index' | 'workers'>,
  commitEvery: number,
  onBatch: (batch: ProjectedBatch) => void,
  prepare: () => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const workers = Array.from(
      { length: REBUILD_WORKERS },
      (_, index): Worker => startWorker(__dirname, 'rebuild.worker', { workerData: { ...data, index, workers: REBUILD_WORKERS } }),
    );
    const waiting = new Map<number, ProjectedBatch>();
    let next = 0;
    let ready = 0;
    let done = 0;
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve();
    };
    const applyInOrder = () => {
      for (let batch = waiting.get(next); batch; batch = waiting.get(next)) {
        waiting.delete(next);
        readModels.applyRowsInBulk(batch);
        readModels.appliedInBulk(batch.count, commitEvery);
        onBatch(batch);
        workers[next % REBUILD_WORKERS]!.postMessage(1);
        next += 1;
      }
      if (done === REBUILD_WORKERS && waiting.size === 0) {
        readModels.commitBulk();
        finish();
      }
    };
    for (const worker of workers) {
      worker.on('message', (message: WindowRows | 'ready' | 'done') => {
        if (settled) return; // a message sent before the workers were stopped
        try {
          if (message === 'ready') {
            if (++ready < REBUILD_WORKERS) return;
            readModels.beginBulk();
            for (const w of workers) w.postMessage(IN_FLIGHT);
            return;
          }
          if (message === 'done') done += 1;
          else waiting.set(message.window, message.batch);
          applyInOrder();
        } catch (error) {
          finish(error);
        }
      });
      worker.on('error', finish);
      worker.on('exit', (code) => finish(code === 0 ? undefined : new Error(`A rebuild worker stopped with code ${code}`)));
    }
    // Meanwhile the workers load their modules and open the store; their messages are handled once it returns.
    try {
      prepare();
    } catch (error) {
      finish(error);
    }
  });
}
