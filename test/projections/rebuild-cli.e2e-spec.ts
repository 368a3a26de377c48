import Database from 'better-sqlite3';
import { readModelsOn } from '../../src/projections/all-projections';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { openReadModelDb } from '../../src/projections/engine/read-model-db';
import { rebuildReadModels } from '../../src/projections/rebuild/rebuild';
import { currentThreadId, READER_NICENESS } from '../../src/projections/rebuild/thread-priority';
import { pipelineWriter } from './support/pipeline-writer';
import { recordIndicators, recordRatingsWithBackdatedCorrection, recordRecommendationLife, RATINGS } from './support/scenarios';
import { buildProduct, removeBuild } from '../support/build';
import { dumpTables } from './support/tables';

/** Niceness of each thread of this process, by thread id (Linux: field 19 of /proc/self/task/<tid>/stat). */
const threadNiceness = (): Map<number, number> =>
  new Map(
    readdirSync('/proc/self/task').flatMap((tid) => {
      try {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        return [[Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])] as const];
      } catch {
        return []; // the thread ended meanwhile
      }
    }),
  );

const threadsApart = currentThreadId() !== undefined;
if (!threadsApart) {
  process.stderr.write(
    '\n*** SKIPPED: rebuild thread priorities — this system has no /proc/thread-self to tell threads apart. ***\n\n',
  );
}

/**
 * The compiled rebuild, as `npm run projections:rebuild` runs it: on a SQLite file it reads and
 * projects on a worker thread. Its rows must be exactly those of the single-threaded rebuild.
 */
describe('the compiled projections:rebuild', () => {
  let dir: string;
  let path: string;
  let events: number;
  let buildDir: string;

  beforeAll(async () => {
    buildDir = buildProduct();
    dir = mkdtempSync(join(tmpdir(), 'tracker-rebuild-cli-'));
    path = join(dir, 'tracker.db');
    let now: Date | undefined;
    const store = new SqliteEventStore({ path, clock: () => now ?? new Date() });
    const writer = pipelineWriter(store, (at) => (now = at === undefined ? undefined : new Date(at)));
    await recordRatingsWithBackdatedCorrection(writer);
    await recordRecommendationLife(writer);
    await recordIndicators(writer, RATINGS.planId);
    events = Number(await store.headPosition());
    await store.close();
  }, 120_000);
  afterAll(() => {
    removeBuild();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds on three threads exactly the rows one thread builds, and says how fast', async () => {
    const run = spawnSync(process.execPath, [join(buildDir, 'cli', 'rebuild.cli.js')], {
      env: { PATH: process.env.PATH ?? '', EVENT_STORE_URL: `sqlite:${path}` },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^Rebuilt the read models from ${events} events in \\d+\\.\\d\\d s \\(\\d+ events/s, 3 threads\\)\\n$`),
    );
    expect(run.stderr).toContain(`100.0% ${events} events`);

    const store = new SqliteEventStore({ path });
    const tables = readModelsOn(openReadModelDb(path, store).db).tables;
    const single = readModelsOn(new Database(':memory:'));
    await rebuildReadModels(single, store, { parallel: false });
    expect(dumpTables(store.db, tables)).toEqual(dumpTables(single.db, tables));
    expect(dumpTables(store.db, ['projection_deferred_indexes'])).toEqual({ projection_deferred_indexes: [] });
    await store.close();
  });

  /** The compiled modules, so the rebuild finds its worker file (as the CLI above does). */
  const compiled = async () => {
    const dist = <T>(module: string) => import(join(buildDir, module)) as Promise<T>;
    return {
      ...(await dist<{ SqliteEventStore: typeof SqliteEventStore }>('event-store/sqlite-event-store')),
      ...(await dist<{ openReadModelDb: typeof openReadModelDb }>('projections/engine/read-model-db')),
      ...(await dist<{ readModelsOn: typeof readModelsOn }>('projections/all-projections')),
      ...(await dist<{ rebuildReadModels: typeof rebuildReadModels }>('projections/rebuild/rebuild')),
    };
  };
  const readerNiceness = () => Math.min(19, threadNiceness().get(currentThreadId()!)! + READER_NICENESS);
  /** Threads at the readers' niceness still there after up to 5 s (terminated workers take a moment to go). */
  const readersLeft = async (among?: number[]) => {
    const niceness = readerNiceness();
    let left: number[] = [];
    for (let wait = 0; wait < 50; wait++) {
      left = [...threadNiceness()].filter(([tid, n]) => n === niceness && (!among || among.includes(tid))).map(([tid]) => tid);
      if (left.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return left;
  };

  (threadsApart ? it : it.skip)(
    'reads on threads that give way to the one writing the rows, and leaves none behind',
    async () => {
      const { SqliteEventStore: Store, openReadModelDb: open, readModelsOn: models, rebuildReadModels: rebuild } = await compiled();
      const before = threadNiceness();
      const thisThread = currentThreadId()!;
      const ours = before.get(thisThread)!;
      const store = new Store({ path });
      let during: Map<number, number> | undefined;
      try {
        const result = await rebuild(models(open(path, store).db), store, {
          onProgress: () => (during ??= threadNiceness()),
        });
        expect(result).toMatchObject({ events, threads: 3 });
      } finally {
        await store.close();
      }
      const readers = [...during!].filter(
        ([tid, niceness]) => !before.has(tid) && niceness === Math.min(19, ours + READER_NICENESS),
      );
      expect(readers).toHaveLength(2);
      expect(during!.get(thisThread)).toBe(ours);
      expect(await readersLeft(readers.map(([tid]) => tid))).toEqual([]);
    },
  );

  it('fails clearly while another connection is writing, stops its workers, and can be run again', async () => {
    const { SqliteEventStore: Store, openReadModelDb: open, readModelsOn: models, rebuildReadModels: rebuild } = await compiled();
    const store = new Store({ path });
    const other = new Database(path);
    try {
      const readModels = models(open(path, store).db);
      const rowsBefore = dumpTables(store.db, readModels.tables);
      store.db.pragma('busy_timeout = 200');
      other.exec('BEGIN IMMEDIATE'); // as a server still running would, mid-commit
      await expect(rebuild(readModels, store)).rejects.toThrow(/database is locked/);
      expect(store.db.inTransaction).toBe(false);
      if (threadsApart) expect(await readersLeft()).toEqual([]);
      expect(dumpTables(store.db, readModels.tables)).toEqual(rowsBefore);
      other.exec('ROLLBACK');
      await expect(rebuild(readModels, store)).resolves.toMatchObject({ events, threads: 3 });
      expect(dumpTables(store.db, readModels.tables)).toEqual(rowsBefore);
    } finally {
      other.close();
      await store.close();
    }
  });

  it('fails with a message naming the variable when the configuration is wrong', () => {
    const run = spawnSync(process.execPath, [join(buildDir, 'cli', 'rebuild.cli.js')], {
      env: { PATH: process.env.PATH ?? '', EVENT_STORE_URL: 'nonsense' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('EVENT_STORE_URL');
  });
});
