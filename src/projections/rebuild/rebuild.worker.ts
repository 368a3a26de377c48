import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '../../event-store/sqlite-event-store';
import { ALL_PROJECTIONS } from '../all-projections';
import { ProjectedBatch } from '../engine/read-models';
import { projectBatch } from './project-batch';
import { lowerThisThreadsPriority, READER_NICENESS } from './thread-priority';

export interface RebuildWorkerData {
  /** The embedded store's file (only it can be opened from several threads). */
  path: string;
  /** Names of the projections the read models hold, in their order. */
  projections: string[];
  head: number;
  readSize: number;
  /** This worker's number, of `workers`: it takes every `workers`-th window of `readSize` positions. */
  index: number;
  workers: number;
}

/** Projected rows of the events in window `window` (positions window·readSize+1 … (window+1)·readSize). */
export interface WindowRows {
  window: number;
  batch: ProjectedBatch;
}

/** Messages to the worker: how many more batches it may send (so it never runs far ahead). */
export type RebuildWorkerCredit = number;

/**
 * Reads and projects a rebuild's events into rows, while the main thread only writes rows: reading and
 * parsing cost more than writing, so several workers share the windows.
 */
async function run({ path, projections: names, head, readSize, index, workers }: RebuildWorkerData): Promise<void> {
  const projections = names.map((name) => ALL_PROJECTIONS.find((p) => p.name === name)!);
  // The main thread writes the rows, batch after batch in order: the rebuild goes at its pace. Two
  // readers and the writer want more than two cores, and at one priority the readers, already batches
  // ahead, took turns on its core. At a lower priority they run on what the writer leaves.
  lowerThisThreadsPriority(READER_NICENESS);
  const store = new SqliteEventStore({ path });
  let credit = 0;
  let wake: () => void = () => undefined;
  parentPort!.on('message', (more: RebuildWorkerCredit) => {
    credit += more;
    wake();
  });
  // Opening the store may touch its schema: the main thread waits for this before its long transaction.
  parentPort!.postMessage('ready');
  try {
    // Positions start at 1 and may have gaps (an append rolled back); every window is sent, even empty.
    for (let window = index; window * readSize < head; window += workers) {
      const end = Math.min(head, (window + 1) * readSize);
      const events = (await store.readAll({ after: BigInt(window * readSize), maxCount: readSize })).filter(
        (e) => Number(e.position) <= end,
      );
      while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
      credit -= 1;
      parentPort!.postMessage({ window, batch: projectBatch(projections, events) } satisfies WindowRows);
    }
    parentPort!.postMessage('done');
  } finally {
    await store.close();
  }
}

// A failure ends the worker with an uncaught error, which the main thread receives as the Worker's 'error'.
void run(workerData as RebuildWorkerData);
