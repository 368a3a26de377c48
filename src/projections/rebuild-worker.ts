import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EventStoreLocation } from '../config/config';
import { EventStore } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { ProjectedBatch } from './project-batch';
import { ReadModels } from './read-models';
import type { RebuildWorkerData } from './rebuild.worker';

const WORKER_FILE = join(__dirname, 'rebuild.worker.js');
/** Batches the worker may have in flight: enough to keep both cores busy, few enough to bound memory. */
const IN_FLIGHT = 4;

/**
 * Where a worker thread can open the same store on its own: a SQLite file (not ':memory:', which is
 * private to its connection). Only the compiled program has the worker's file.
 */
export function workerLocationFor(store: EventStore): EventStoreLocation | undefined {
  if (!existsSync(WORKER_FILE)) return undefined;
  if (store instanceof SqliteEventStore && store.db.name !== ':memory:') return { kind: 'sqlite', path: store.db.name };
  return undefined;
}

/**
 * Receives projected rows from the worker and writes them, a transaction every `commitEvery` events;
 * the bulk transaction opens once the worker has its own connection to the store.
 */
export function loadWithWorker(
  readModels: ReadModels,
  data: RebuildWorkerData,
  commitEvery: number,
  onBatch: (batch: ProjectedBatch) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData: data });
    let uncommitted = 0;
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve();
    };
    worker.on('message', (message: ProjectedBatch | 'ready' | 'done') => {
      try {
        if (message === 'ready') {
          readModels.beginBulk();
          worker.postMessage(IN_FLIGHT);
          return;
        }
        if (message === 'done') {
          readModels.commitBulk();
          return finish();
        }
        readModels.applyRowsInBulk(message);
        uncommitted += message.count;
        if (uncommitted >= commitEvery) {
          readModels.commitBulk();
          readModels.beginBulk();
          uncommitted = 0;
        }
        onBatch(message);
        worker.postMessage(1);
      } catch (error) {
        finish(error);
      }
    });
    worker.on('error', finish);
    worker.on('exit', (code) => finish(code === 0 ? undefined : new Error(`The rebuild worker stopped with code ${code}`)));
  });
}
