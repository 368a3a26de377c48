import Database from 'better-sqlite3';
import { readModelsOn } from '../../src/projections/all-projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { openReadModelDb } from '../../src/projections/engine/read-model-db';
import { runRebuild } from '../../src/cli/rebuild.cli';
import { pipelineWriter } from './support/pipeline-writer';
import { recordRatingsWithBackdatedCorrection, recordRecommendationLife } from './support/scenarios';
import { dumpTables } from './support/tables';

const capture = (isTTY: boolean) => {
  const lines: string[] = [];
  return { isTTY, lines, write: (text: string) => lines.push(text) };
};

describe('npm run projections:rebuild', () => {
  let dir: string;
  let path: string;
  let events: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-rebuild-'));
    path = join(dir, 'tracker.db');
    let now: Date | undefined;
    const store = new SqliteEventStore({ path, clock: () => now ?? new Date() });
    const writer = pipelineWriter(store, (at) => (now = at === undefined ? undefined : new Date(at)));
    await recordRatingsWithBackdatedCorrection(writer);
    await recordRecommendationLife(writer);
    events = Number(await store.headPosition());
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The rows of the read models kept in every database (the audit trail's copy only beside another store). */
  const expected = async () => {
    const store = new SqliteEventStore({ path });
    const tables = readModelsOn(openReadModelDb(path, store).db).tables;
    const readModels = readModelsOn(new Database(':memory:'));
    readModels.apply(await store.readAll());
    await store.close();
    return dumpTables(readModels.db, tables);
  };

  it('rebuilds the read models in the store’s file, with a progress bar and a closing rate', async () => {
    const out = capture(false);
    const err = capture(true);
    const result = await runRebuild({ EVENT_STORE_URL: `sqlite:${path}` }, out, err);
    expect(result.events).toBe(events);
    expect(out.lines).toEqual([
      expect.stringMatching(
        new RegExp(`^Rebuilt the read models from ${events} events in \\d+\\.\\d\\d s \\(\\d+ events/s, 3 threads\\)\\n$`),
      ),
    ]);
    expect(err.lines.join('')).toContain(`\r[${'#'.repeat(30)}] 100.0% ${events} events`);
    const want = await expected();
    const db = new Database(path, { readonly: true });
    expect(dumpTables(db, Object.keys(want))).toEqual(want);
    db.close();
  });

  it('rebuilds into a read-model file of its own when READ_MODEL_URL names one, logging progress as lines', async () => {
    const readModelPath = join(dir, 'read-models.db');
    const err = capture(false);
    await runRebuild({ EVENT_STORE_URL: `sqlite:${path}`, READ_MODEL_URL: `sqlite:${readModelPath}` }, capture(false), err);
    expect(err.lines[err.lines.length - 1]).toMatch(/100\.0% \d+ events\n$/);
    const want = await expected();
    const db = new Database(readModelPath, { readonly: true });
    expect(dumpTables(db, Object.keys(want))).toEqual(want);
    expect(db.prepare('SELECT COUNT(*) AS n FROM audit_events').get()).toEqual({ n: events });
    db.close();
  });

  it('refuses a bad configuration, naming the variable', async () => {
    await expect(runRebuild({ EVENT_STORE_URL: 'nonsense' }, capture(false), capture(false))).rejects.toThrow(/EVENT_STORE_URL/);
  });
});
