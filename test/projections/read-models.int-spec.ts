import Database from 'better-sqlite3';
import { readModelsOn } from '../../src/projections/all-projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { AuditTrailQueries } from '../../src/projections/audit-trail/audit-trail.queries';
import { BoardPacksQueries } from '../../src/projections/board-packs/board-packs.queries';
import { IndicatorsQueries } from '../../src/projections/indicators/indicators.queries';
import { PlanLookup } from '../../src/projections/shared/plan-lookup';
import { ProjectionRunner } from '../../src/projections/engine/projection-runner';
import { MilestoneHistoryQueries } from '../../src/projections/rag-board/milestone-history.queries';
import { CorrectionsQueries } from '../../src/projections/rag-board/corrections.queries';
import { RagBoardQueries } from '../../src/projections/rag-board/rag-board.queries';
import { RagTrendQueries } from '../../src/projections/rag-board/rag-trend.queries';
import { openReadModelDb } from '../../src/projections/engine/read-model-db';
import { ReadModels } from '../../src/projections/engine/read-models';
import { Projector } from '../../src/projections/engine/projector';
import { StreamRevisions } from '../../src/projections/shared/stream-revisions';
import { readCut } from '../../src/projections/shared/read-cut';
import { streamId as milestoneStreamId } from '../../src/milestone/milestone';
import { RecommendationHistoryQueries } from '../../src/projections/recommendations/recommendation-history.queries';
import { RecommendationsQueries } from '../../src/projections/recommendations/recommendations.queries';
import { VisitsQueries } from '../../src/projections/visits/visits.queries';
import { pipelineWriter } from './support/pipeline-writer';
import { startReadSide } from './support/read-side';
import { LIFE, RATINGS, recordRatingsWithBackdatedCorrection, recordRecommendationLife } from './support/scenarios';
import { dumpTables } from './support/tables';

function queriesOn(readModels: ReadModels, store: SqliteEventStore, projector: Projector) {
  const plans = new PlanLookup(readModels);
  const revisions = new StreamRevisions(readModels, projector);
  const recommendations = new RecommendationsQueries(readModels, plans, revisions);
  const milestones = new MilestoneHistoryQueries(readModels, plans, revisions);
  const visits = new VisitsQueries(readModels, plans, revisions);
  return {
    board: new RagBoardQueries(readModels, plans, revisions, new BoardPacksQueries(readModels, plans)),
    milestones,
    recommendations,
    histories: new RecommendationHistoryQueries(readModels, recommendations, visits, milestones),
    visits,
    indicators: new IndicatorsQueries(readModels, plans, revisions),
    audit: new AuditTrailQueries(readModels, plans, store),
    corrections: new CorrectionsQueries(readModels, plans),
    trend: new RagTrendQueries(readModels, plans),
  };
}

describe('the read models on a real store', () => {
  // Closed after each test, whether it passed or not: a read side left open keeps Jest from exiting.
  const opened: ReturnType<typeof startReadSide>[] = [];
  const readSide = () => {
    const side = startReadSide();
    opened.push(side);
    return side;
  };
  afterEach(async () => {
    for (const side of opened.splice(0)) await side.close();
  });

  it('answer the board as of a date and as known at a time, straight from the queries', async () => {
    const side = readSide();
    await recordRatingsWithBackdatedCorrection(side.writer);
    await side.caughtUp();
    const { board } = queriesOn(side.readModels, side.store, side.runner);
    const rag = (asOf: string, knownAt?: string) =>
      board.board(RATINGS.planId, readCut({ asOf, ...(knownAt ? { knownAt } : {}) })).priorities[0]!.milestones[0]!.rag;
    expect(rag(RATINGS.asOf.betweenQ1AndQ2)).toBe('red');
    expect(rag(RATINGS.asOf.betweenQ1AndQ2, RATINGS.knownAt.beforeCorrection)).toBe('green');
    expect(rag(RATINGS.asOf.beforeQ1)).toBe('not-rated');
  });

  it('give a thing the revision its read shows: the latest applied, or the one known at the time asked', async () => {
    const side = readSide();
    await recordRatingsWithBackdatedCorrection(side.writer);
    await side.caughtUp();
    const revisions = new StreamRevisions(side.readModels, side.runner);
    const stream = milestoneStreamId(RATINGS.planId, 'P1.1');
    const revisionAt = (knownAt?: string) => revisions.of(stream, readCut(knownAt ? { knownAt } : {}).recordedBy);
    // Added, rated for Q1, rated for Q2, then Q1 corrected: revisions 0 to 3.
    expect(revisionAt()).toBe(3);
    expect(revisionAt(RATINGS.knownAt.afterCorrection)).toBe(3);
    expect(revisionAt(RATINGS.knownAt.beforeCorrection)).toBe(2);
    expect(revisionAt(RATINGS.knownAt.beforeQ2Recorded)).toBe(1);
    expect(revisionAt(RATINGS.knownAt.beforeQ1Recorded)).toBe(0);
    // A change the read models have not applied yet is out of reach, with or without a knownAt: a client
    // sending the revision back cannot pass over a change its read did not show.
    await side.runner.stop();
    await side.writer.updateMilestone(RATINGS.planId, 'P1.1', { period: '2025-26 Q3', effectiveOn: '2025-12-31', rag: 'green', commentary: 'Q3' });
    expect((await side.store.readStream(stream)).at(-1)!.revision).toBe(4);
    expect(revisionAt()).toBe(3);
    expect(revisionAt('2099-01-01T00:00:00Z')).toBe(3);
  });

  it('put a link in the segment of the day it was made, when the command gives that day', async () => {
    const side = readSide();
    await recordRecommendationLife(side.writer);
    await side.caughtUp();
    const history = queriesOn(side.readModels, side.store, side.runner).histories.history(LIFE.planId, 'R01', readCut({}));
    expect(
      history.segments[0]!.entries.map((e) => `${e.effectiveOn} ${e.type} ${e.milestoneId ?? e.visitId ?? ''}`.trim()),
    ).toEqual([
      '2024-05-24 RecommendationRaised',
      '2024-06-10 MilestoneLinked P1.1',
      '2024-06-10 MilestoneLinked P1.2',
      '2024-09-30 MilestoneUpdated P1.1',
      '2025-01-15 VisitFindingRecorded mv-2025-01',
    ]);
  });

  it('look facts up by index seeks, never by scanning a table of facts', async () => {
    const side = readSide();
    const db = side.readModels.db;
    const prepared: string[] = [];
    const prepare = db.prepare.bind(db);
    const spy = jest.spyOn(db, 'prepare').mockImplementation(((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    }) as typeof db.prepare);
    queriesOn(side.readModels, side.store, side.runner);
    spy.mockRestore();
    const params = {
      planId: 'p',
      milestoneId: 'm',
      recommendationId: 'r',
      asOf: 'a',
      recordedBy: 'k',
      since: 'a',
      after: 0,
      from: '',
      to: 'z',
      limit: 1,
      first: 'q1',
      second: 'q2',
      period: 'q',
      quarters: '[{"milestoneId":"m","period":"q"}]',
    };
    const ofOnePlan = prepared.filter((sql) => sql.includes('@planId'));
    expect(ofOnePlan.length).toBeGreaterThan(8);
    for (const sql of ofOnePlan) {
      const plan = prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(Object.fromEntries(Object.entries(params).filter(([k]) => sql.includes(`@${k}`))))
        .map((row: any) => row.detail as string);
      // A list the query was given (json_each over the quarters asked for) is read whole; a table of facts never.
      const scans = plan.filter((line) => line.startsWith('SCAN') && !/^SCAN \w+ VIRTUAL TABLE/.test(line));
      expect([sql, scans]).toEqual([sql, []]);
    }
  });
});

describe('where the read models live', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tracker-read-models-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('share the embedded store’s connection when the paths name the same database', async () => {
    const memory = new SqliteEventStore({ path: ':memory:' });
    expect(openReadModelDb(':memory:', memory)).toEqual({ db: memory.db, owned: false });
    await memory.close();
    const file = new SqliteEventStore({ path: join(dir, 'tracker.db') });
    expect(openReadModelDb(join(dir, 'sub', '..', 'tracker.db'), file)).toEqual({ db: file.db, owned: false });
    await file.close();
  });

  it('open a durable file of their own otherwise (as beside KurrentDB), fed all the same', async () => {
    const side = startReadSide();
    const { db, owned } = openReadModelDb(join(dir, 'nested', 'read-models.db'), side.store);
    expect(owned).toBe(true);
    expect([
      db.pragma('journal_mode', { simple: true }),
      db.pragma('synchronous', { simple: true }),
      db.pragma('busy_timeout', { simple: true }),
    ]).toEqual(['wal', 2, 5000]);
    const separate = readModelsOn(db);
    const runner = new ProjectionRunner(separate, side.store);
    await runner.start();
    const last = await recordRatingsWithBackdatedCorrection(pipelineWriter(side.store, () => undefined));
    expect(await runner.waitFor(last, 5000)).toBe(true);
    await side.caughtUp();
    expect(separate.tables).toEqual([...side.readModels.tables, 'audit_events']);
    expect(dumpTables(db, side.readModels.tables)).toEqual(dumpTables(side.store.db, side.readModels.tables));
    // The revisions a client sends back read the same from the trail's copy as from the store's own table.
    const revisions = (readModels: ReadModels, projector: Projector) =>
      ['plan-testshire', 'milestone-testshire/P1.1', 'milestone-testshire/P2.1'].map((stream) =>
        new StreamRevisions(readModels, projector).of(stream, '9999-12-31T23:59:59.999Z'),
      );
    expect(revisions(separate, runner)).toEqual(revisions(side.readModels, side.runner));
    expect(revisions(separate, runner)[1]).toBeGreaterThan(1);
    await runner.stop();
    db.close();
    await side.close();
  });

  it('refuse a database whose read-model schema is newer than this program', () => {
    const db = new Database(':memory:');
    readModelsOn(db);
    db.prepare("UPDATE schema_versions SET version = 99 WHERE component = 'projections.rag-board'").run();
    expect(() => readModelsOn(db)).toThrow(/rag-board schema is at version 99/);
  });
});
