import Database from 'better-sqlite3';
import { readModelsOn } from '../../src/projections/all-projections';
import { AuditTrailQueries } from '../../src/projections/audit-trail/audit-trail.queries';
import { PlanLookup } from '../../src/projections/shared/plan-lookup';
import { ReadModels } from '../../src/projections/engine/read-models';
import { readCut } from '../../src/projections/shared/read-cut';
import { rebuildReadModels } from '../../src/projections/rebuild/rebuild';
import { startTestApp, TestApp } from '../support/test-app';
import { httpWriter } from './support/http-writer';
import { read } from './support/read';
import {
  LIFE,
  RATINGS,
  recordIndicators,
  recordRatingsWithBackdatedCorrection,
  recordRecommendationLife,
} from './support/scenarios';
import { checkpointsOf, dumpTables } from './support/tables';

/**
 * The read models fed live through HTTP writes must hold exactly the rows a rebuild from position 0
 * produces, and delivering the same events again must change nothing.
 */
describe('rebuilding the read models', () => {
  let t: TestApp;
  let readModels: ReadModels;
  let head: number;
  let incremental: Record<string, string[]>;

  beforeAll(async () => {
    t = await startTestApp();
    const w = httpWriter(t);
    await recordRatingsWithBackdatedCorrection(w);
    await recordRecommendationLife(w);
    await recordIndicators(w, RATINGS.planId);
    await w.changeDueDate(RATINGS.planId, 'P1.2', { dueOn: '2026-06-30', reason: 'Two hubs delayed by building works' });
    await w.reopenRecommendation(LIFE.planId, 'R01', { reason: 'Delays found again', effectiveOn: '2025-11-20' });
    const pack = await t.request('POST', `/api/plans/${RATINGS.planId}/board-packs`, { period: '2025-26 Q2', asOf: '2025-09-30' });
    if (pack.status !== 201) throw new Error(`issuing a board pack answered ${pack.status}: ${JSON.stringify(pack.body)}`);
    head = Number(await t.store.headPosition());
    await read(t, '/api/plans', { minPosition: head });
    readModels = t.app.get(ReadModels);
    incremental = dumpTables(t.store.db, readModels.tables);
  });
  afterAll(() => t.close());

  it('fed every kind of fact (a check that the comparison compares something)', () => {
    for (const [table, rows] of Object.entries(incremental)) expect([table, rows.length > 0]).toEqual([table, true]);
    expect(readModels.position).toBe(head);
  });

  it('rebuilt from 0 into an empty database, holds exactly the same rows', async () => {
    const fresh = readModelsOn(new Database(':memory:'));
    const progress: number[] = [];
    const result = await rebuildReadModels(fresh, t.store, {
      readSize: 3,
      commitEvery: 7,
      onProgress: (p) => progress.push(p.position),
    });
    expect(result.events).toBe(head);
    expect(progress[progress.length - 1]).toBe(head);
    // Apart from the store's own database, the audit trail keeps a copy of the events: the rest is identical.
    expect(fresh.tables).toEqual([...readModels.tables, 'audit_events']);
    expect(dumpTables(fresh.db, readModels.tables)).toEqual(incremental);
    expect(checkpointsOf(fresh.db).filter((c: any) => c.projection !== 'audit-trail')).toEqual(checkpointsOf(t.store.db));
    const cut = readCut({});
    for (const planId of [RATINGS.planId, LIFE.planId]) {
      const copied = new AuditTrailQueries(fresh, new PlanLookup(fresh), t.store).trailOf(planId, cut);
      expect(copied).toEqual(t.app.get(AuditTrailQueries).trailOf(planId, cut));
      expect(copied.length).toBeGreaterThan(10);
    }
    // Filtered, the copy (read whole and tested) and the store (read by the streams a filter needs) agree.
    for (const filter of [{ milestoneId: 'P1.1' }, { recommendationId: 'R01' }, { types: ['MilestoneUpdated' as const] }, { actor: 'BOOTSTRAP ADMINISTRATOR' }]) {
      const planId = 'recommendationId' in filter ? LIFE.planId : RATINGS.planId;
      const copied = new AuditTrailQueries(fresh, new PlanLookup(fresh), t.store).trailOf(planId, cut, {}, filter);
      expect([filter, copied]).toEqual([filter, t.app.get(AuditTrailQueries).trailOf(planId, cut, {}, filter)]);
      expect([filter, copied.length > 0]).toEqual([filter, true]);
    }
    fresh.db.close();
  });

  it('rebuilt in place from 0, holds exactly the same rows and answers the same', async () => {
    const before = await read(t, `/api/plans/${RATINGS.planId}/board`, {
      asOf: RATINGS.asOf.afterQ2,
      knownAt: RATINGS.knownAt.afterCorrection,
    });
    await rebuildReadModels(readModels, t.store);
    expect(dumpTables(t.store.db, readModels.tables)).toEqual(incremental);
    expect(
      await read(t, `/api/plans/${RATINGS.planId}/board`, {
        asOf: RATINGS.asOf.afterQ2,
        knownAt: RATINGS.knownAt.afterCorrection,
      }),
    ).toEqual(before);
  });

  it('given every event a second time, skips them by checkpoint and changes nothing', async () => {
    readModels.apply(await t.store.readAll());
    expect(dumpTables(t.store.db, readModels.tables)).toEqual(incremental);
  });

  it('made to apply every event a second time (checkpoints lost), changes nothing either', async () => {
    t.store.db.prepare('UPDATE projection_checkpoints SET position = -1').run();
    const again = readModelsOn(t.store.db);
    expect(again.position).toBe(-1);
    again.apply(await t.store.readAll());
    expect(dumpTables(t.store.db, readModels.tables)).toEqual(incremental);
    expect(again.position).toBe(head);
  });
});

describe('rebuilding the Halton plan loaded from the seeds', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ TRACKER_SEED: 'halton' })));
  afterAll(() => t.close());

  it('gives the same rows as the live feed and the board the seed describes', async () => {
    const head = Number(await t.store.headPosition());
    const board = await read(t, '/api/plans/halton/board', { asOf: '2025-10-01', minPosition: head });
    expect(board.totals).toEqual({ green: 13, amber: 19, red: 0, complete: 0, notRated: 19 });
    const readModels = t.app.get(ReadModels);
    const fresh = readModelsOn(new Database(':memory:'));
    await rebuildReadModels(fresh, t.store);
    expect(dumpTables(fresh.db, readModels.tables)).toEqual(dumpTables(t.store.db, readModels.tables));
    fresh.db.close();
  });
});
