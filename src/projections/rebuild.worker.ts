import { parentPort, workerData } from 'node:worker_threads';
import { EventStoreLocation } from '../config/config';
import { openEventStore } from '../event-store/open-event-store';
import { ALL_PROJECTIONS } from './all-projections';
import { projectBatch } from './project-batch';

export interface RebuildWorkerData {
  location: EventStoreLocation;
  /** Names of the projections the read models hold, in their order. */
  projections: string[];
  head: number;
  readSize: number;
}

/** Messages to the worker: how many more batches it may send (so it never runs far ahead). */
export type RebuildWorkerCredit = number;

/**
 * The second core of a rebuild: reads the events and projects them into rows, while the main thread
 * only writes rows. Runs from the compiled dist/ only.
 */
async function run({ location, projections: names, head, readSize }: RebuildWorkerData): Promise<void> {
  const projections = names.map((name) => ALL_PROJECTIONS.find((p) => p.name === name)!);
  const store = openEventStore(location);
  let credit = 0;
  let wake: () => void = () => undefined;
  parentPort!.on('message', (more: RebuildWorkerCredit) => {
    credit += more;
    wake();
  });
  // Opening the store may touch its schema: the main thread waits for this before its long transaction.
  parentPort!.postMessage('ready');
  try {
    let from = 0n;
    while (from <= BigInt(head)) {
      const events = (await store.readAll({ fromPosition: from, maxCount: readSize })).filter((e) => Number(e.position) <= head);
      if (events.length === 0) break;
      while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
      credit -= 1;
      parentPort!.postMessage(projectBatch(projections, events));
      from = events[events.length - 1]!.position + 1n;
    }
    parentPort!.postMessage('done');
  } finally {
    await store.close();
  }
}

// A failure ends the worker with an uncaught error, which the main thread receives as the Worker's 'error'.
void run(workerData as RebuildWorkerData);
