import { Logger } from '@nestjs/common';
import { readModelsOn } from '../../src/projections/all-projections';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, SubscribeOptions } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { ALL_PROJECTIONS } from '../../src/projections/all-projections';
import { Fact, KNOWN_EVENT_TYPES } from '../../src/projections/engine/fact';
import { Projection, Row } from '../../src/projections/engine/projection';
import { ProjectionRunner } from '../../src/projections/engine/projection-runner';
import { projectionsHealth } from '../../src/projections/engine/projections-health';
import { openReadModelDb } from '../../src/projections/engine/read-model-db';
import { ReadModels } from '../../src/projections/engine/read-models';
import { rebuildReadModels } from '../../src/projections/rebuild/rebuild';
import { pipelineWriter } from './support/pipeline-writer';
import { startReadSide } from './support/read-side';
import { RATINGS, recordRatingsWithBackdatedCorrection } from './support/scenarios';
import { checkpointsOf, dumpTables } from './support/tables';

/** A projection that throws while `broken` is set, to stand for a bug or a full disk. */
function flaky(): Projection & { broken: boolean } {
  const projection = {
    name: 'flaky',
    migrations: ['CREATE TABLE flaky_rows (position INTEGER PRIMARY KEY)'],
    tables: { flaky_rows: ['position'] },
    handles: KNOWN_EVENT_TYPES,
    broken: false,
    project: (fact: Fact): Row[] => {
      if (projection.broken) throw new Error('disk full');
      return [{ table: 'flaky_rows', values: { position: fact.position } }];
    },
  };
  return projection;
}

describe('the projection runner', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['error', 'warn', 'log']));

  it('feeds every read model and moves every checkpoint to the last event', async () => {
    const side = startReadSide();
    await recordRatingsWithBackdatedCorrection(side.writer);
    const head = await side.caughtUp();
    expect(side.readModels.position).toBe(head);
    expect(checkpointsOf(side.store.db)).toEqual(
      side.readModels.projections
        .map((p) => ({ projection: p.name, position: head }))
        .sort((a, b) => a.projection.localeCompare(b.projection)),
    );
    expect(side.runner.status()).toEqual({ state: 'live', position: head });
    await side.close();
  });

  describe('on a file, restarted', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tracker-projections-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('resumes from its checkpoints instead of replaying from 0', async () => {
      const path = join(dir, 'tracker.db');
      const first = startReadSide({ path });
      await recordRatingsWithBackdatedCorrection(first.writer);
      const stoppedAt = await first.caughtUp();
      await first.close();

      const store = new SqliteEventStore({ path });
      const subscribedFrom: Array<bigint | undefined> = [];
      const watched: EventStore = Object.assign(Object.create(store) as SqliteEventStore, {
        subscribe: (
          options: SubscribeOptions,
          ...rest: Parameters<EventStore['subscribe']> extends [unknown, ...infer R] ? R : never
        ) => {
          subscribedFrom.push(options.fromPosition);
          return store.subscribe(options, ...rest);
        },
      });
      const readModels = readModelsOn(openReadModelDb(path, store).db);
      expect(readModels.position).toBe(stoppedAt);
      const runner = new ProjectionRunner(readModels, watched);
      await runner.start();
      expect(subscribedFrom).toEqual([BigInt(stoppedAt)]);

      const last = await pipelineWriter(store, () => undefined).recordVisit(RATINGS.planId, {
        visitId: 'mv-1',
        kind: 'monitoring',
        startDate: '2025-12-01',
        endDate: '2025-12-02',
      });
      expect(await runner.waitFor(last, 5000)).toBe(true);
      await runner.stop();

      const rebuilt = readModelsOn(new Database(':memory:'));
      await rebuildReadModels(rebuilt, store);
      expect(dumpTables(store.db, readModels.tables)).toEqual(dumpTables(rebuilt.db, readModels.tables));
      await store.close();
    });
  });

  it('rebuilds, rather than resumes, read models that were built from another store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-projections-'));
    try {
      const readModelPath = join(dir, 'read-models.db');
      for (const [planId, expected] of [
        ['first-store', ['first-store']],
        ['second-store', ['second-store']],
      ] as const) {
        const side = startReadSide();
        await side.writer.createPlan({ planId, localAuthority: 'Council', title: 'Plan' });
        await side.writer.createPlan({ planId: `${planId}-b`, localAuthority: 'Council', title: 'Plan' });
        const { db } = openReadModelDb(readModelPath, side.store);
        const beside = readModelsOn(db);
        const runner = new ProjectionRunner(beside, side.store);
        await runner.start();
        expect(await runner.waitFor(2, 5000)).toBe(true);
        const plans = db.prepare('SELECT plan_id FROM plans ORDER BY position').all();
        expect(plans).toEqual([...expected, `${expected[0]}-b`].map((plan_id) => ({ plan_id })));
        await runner.stop();
        db.close();
        await side.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies a batch whole or not at all: a failure leaves no row and no checkpoint of it', async () => {
    const side = startReadSide();
    await recordRatingsWithBackdatedCorrection(side.writer);
    await side.runner.stop();
    const broken = flaky();
    broken.broken = true;
    const readModels = new ReadModels(side.store.db, [...ALL_PROJECTIONS, broken]);
    const before = dumpTables(side.store.db, readModels.tables);
    const checkpoints = checkpointsOf(side.store.db);
    const more = await side.writer.recordVisit(RATINGS.planId, {
      visitId: 'mv-1',
      kind: 'monitoring',
      startDate: '2025-12-01',
      endDate: '2025-12-02',
    });
    expect(() => readModels.apply(side.store.readAllSync({ after: BigInt(more) - 1n }))).toThrow('disk full');
    expect(dumpTables(side.store.db, readModels.tables)).toEqual(before);
    expect(checkpointsOf(side.store.db).filter((c: any) => c.projection !== 'flaky')).toEqual(checkpoints);
    await side.store.close();
  });

  it('reports a failure, keeps its checkpoints, and recovers by itself once the cause is gone', async () => {
    const broken = flaky();
    let failed: (error: Error) => void = () => undefined;
    const failure = new Promise<Error>((resolve) => (failed = resolve));
    const side = startReadSide({ projections: [...ALL_PROJECTIONS, broken], runner: { retryMs: 5, onError: (e) => failed(e) } });
    await recordRatingsWithBackdatedCorrection(side.writer);
    const good = await side.caughtUp();

    broken.broken = true;
    const next = await side.writer.recordVisit(RATINGS.planId, {
      visitId: 'mv-1',
      kind: 'monitoring',
      startDate: '2025-12-01',
      endDate: '2025-12-02',
    });
    expect((await failure).message).toBe('disk full');
    expect(side.runner.status()).toEqual({ state: 'failed', position: good, error: 'disk full' });
    expect(side.readModels.position).toBe(good);
    expect(await projectionsHealth(side.runner, next)).toEqual({
      status: 'failed',
      position: good,
      lag: next - good,
      error: 'disk full',
    });

    broken.broken = false;
    expect(await side.runner.waitFor(next, 5000)).toBe(true);
    expect(side.runner.status().error).toBeUndefined();
    expect(await projectionsHealth(side.runner, next)).toEqual({ status: 'caught-up', position: next, lag: 0 });
    await side.close();
  });

  it('answers a wait at once when reached, false when not reached in time or once stopped', async () => {
    const side = startReadSide();
    await recordRatingsWithBackdatedCorrection(side.writer);
    const head = await side.caughtUp();
    expect(await side.runner.waitFor(head, 0)).toBe(true);
    expect(await side.runner.waitFor(head + 1, 20)).toBe(false);
    const pending = side.runner.waitFor(head + 1, 5000);
    await side.runner.stop();
    expect(await pending).toBe(false);
    await side.store.close();
  });
});
