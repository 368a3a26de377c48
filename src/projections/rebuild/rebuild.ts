import { EventStore } from '../../event-store/event-store.port';
import { dropIndexes, restoreIndexes } from '../engine/deferred-indexes';
import { ReadModels } from '../engine/read-models';
import { loadWithWorkers, REBUILD_WORKERS, workerPathFor } from './rebuild-workers';

export interface RebuildProgress {
  /** Events applied so far. */
  events: number;
  /** The position reached, out of `head`: positions are the one measure of progress every store shares. */
  position: number;
  head: number;
}

export interface RebuildResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Threads at work: 1, or this one writing plus the workers that read and project. */
  threads: number;
}

export interface RebuildOptions {
  /** Events read at a time: small, so they die young and cost the garbage collector little. */
  readSize?: number;
  /** Events per transaction. */
  commitEvery?: number;
  /** Read and project on worker threads when the store allows it (default true). */
  parallel?: boolean;
  onProgress?: (progress: RebuildProgress) => void;
}

/** Pages the rebuild may keep in memory (KiB): its rows land all over the tables. */
const REBUILD_CACHE_KIB = 131_072;

/**
 * Empties every read model and replays the store from position 0 up to its head at the start, through
 * the same projections the live runner uses; indexes are dropped meanwhile and built again at the end.
 * On a SQLite file, worker threads read and project (at a lower priority) while this thread writes.
 * Nothing else may write to the read models while it runs (stop the server first).
 */
export async function rebuildReadModels(
  readModels: ReadModels,
  store: EventStore,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const readSize = options.readSize ?? 1000;
  const commitEvery = options.commitEvery ?? 20_000;
  const started = process.hrtime.bigint();
  const { db } = readModels;
  const head = Number(await store.headPosition());
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  db.pragma(`cache_size = -${REBUILD_CACHE_KIB}`);
  // A rebuild's commits need not survive a power cut (a rebuild that dies is run again), only never
  // leave the file corrupt: NORMAL skips the fsync of each commit, not of the log's checkpoints.
  db.pragma('synchronous = NORMAL');
  const [first] = await store.readAll({ maxCount: 1 });
  const prepare = () => {
    dropIndexes(db, readModels.tables);
    readModels.reset();
    readModels.matchStore(first?.eventId, head);
  };
  let done = 0;
  const report = (events: number, position: number) => {
    done += events;
    options.onProgress?.({ events: done, position, head });
  };
  const path = options.parallel === false ? undefined : workerPathFor(store);
  try {
    if (path) {
      const projections = readModels.projections.map((p) => p.name);
      await loadWithWorkers(
        readModels,
        { path, projections, head, readSize },
        commitEvery,
        (b) => report(b.count, b.last),
        prepare,
      );
    } else {
      prepare();
      readModels.beginBulk();
      await loadInThread(readModels, store, { head, readSize, commitEvery }, report);
    }
  } finally {
    readModels.rollbackBulk();
    restoreIndexes(db);
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma(`synchronous = ${synchronous}`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { events: done, seconds, eventsPerSecond: seconds > 0 ? done / seconds : done, threads: path ? 1 + REBUILD_WORKERS : 1 };
}

async function loadInThread(
  readModels: ReadModels,
  store: EventStore,
  { head, readSize, commitEvery }: { head: number; readSize: number; commitEvery: number },
  report: (events: number, position: number) => void,
): Promise<void> {
  let after: bigint | undefined;
  for (;;) {
    const batch = (await store.readAll({ after, maxCount: readSize })).filter((e) => Number(e.position) <= head);
    if (batch.length === 0) break;
    readModels.applyInBulk(batch);
    readModels.appliedInBulk(batch.length, commitEvery);
    const last = batch[batch.length - 1]!.position;
    report(batch.length, Number(last));
    // A position is where the store's record starts (a byte offset on KurrentDB): only the store knows
    // the next one, so the next page starts after this one.
    after = last;
    if (Number(last) >= head) break;
  }
  readModels.commitBulk();
}
