import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { openReadModelDb } from '../../src/projections/read-model-db';
import { ReadModels } from '../../src/projections/read-models';
import { rebuildReadModels } from '../../src/projections/rebuild';
import { pipelineWriter } from './support/pipeline-writer';
import { recordIndicators, recordRatingsWithBackdatedCorrection, recordRecommendationLife, RATINGS } from './support/scenarios';
import { buildProduct, removeBuild } from '../support/build';
import { dumpTables } from './support/tables';

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
    const run = spawnSync(process.execPath, [join(buildDir, 'projections', 'rebuild.cli.js')], {
      env: { PATH: process.env.PATH ?? '', EVENT_STORE_URL: `sqlite:${path}` },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^Rebuilt the read models from ${events} events in \\d+\\.\\d\\d s \\(\\d+ events/s, 3 threads\\)\\n$`),
    );
    expect(run.stderr).toContain(`100.0% ${events} events`);

    const store = new SqliteEventStore({ path });
    const tables = new ReadModels(openReadModelDb(path, store).db).tables;
    const single = new ReadModels(new Database(':memory:'));
    await rebuildReadModels(single, store, { parallel: false });
    expect(dumpTables(store.db, tables)).toEqual(dumpTables(single.db, tables));
    expect(dumpTables(store.db, ['projection_deferred_indexes'])).toEqual({ projection_deferred_indexes: [] });
    await store.close();
  });

  it('fails with a message naming the variable when the configuration is wrong', () => {
    const run = spawnSync(process.execPath, [join(buildDir, 'projections', 'rebuild.cli.js')], {
      env: { PATH: process.env.PATH ?? '', EVENT_STORE_URL: 'nonsense' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('EVENT_STORE_URL');
  });
});
