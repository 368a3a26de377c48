import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';
import { httpWriter } from './support/http-writer';
import { read } from './support/read';
import { RATINGS, recordRatingsWithBackdatedCorrection } from './support/scenarios';

const dir = mkdtempSync(join(tmpdir(), 'tracker-read-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Written scenario 1, read from the store's own events and from the audit trail's copy of them (read models in a file of their own). */
describe.each([
  ['read models beside the events', {}],
  ['read models in a file of their own', { READ_MODEL_URL: `sqlite:${join(dir, 'read-models.db')}` }],
])('milestone revisions and RAG totals per quarter (%s)', (_, env) => {
  let t: TestApp;
  let position: number;
  const { planId, asOf, knownAt } = RATINGS;
  const get = (path: string, params: Record<string, string> = {}) => read(t, path, { ...params, minPosition: position });
  const revisions = (board: any) =>
    Object.fromEntries(board.priorities.flatMap((p: any) => p.milestones.map((m: any) => [m.milestoneId, m.revision])));

  beforeAll(async () => {
    t = await startTestApp(env);
    position = await recordRatingsWithBackdatedCorrection(httpWriter(t));
  });
  afterAll(() => t.close());

  it('shows each milestone’s revision, as known at the cut, on the board and in its history', async () => {
    expect(revisions(await get(`/api/plans/${planId}/board`))).toEqual({ 'P1.1': 3, 'P1.2': 2, 'P2.1': 0 });
    expect(revisions(await get(`/api/plans/${planId}/board`, { knownAt: knownAt.beforeCorrection }))).toEqual({ 'P1.1': 2, 'P1.2': 2, 'P2.1': 0 });
    expect((await get(`/api/plans/${planId}/milestones/P1.1/history`)).revision).toBe(3);
    expect((await get(`/api/plans/${planId}/milestones/P1.1/history`, { knownAt: knownAt.beforeQ2Recorded })).revision).toBe(1);
  });

  it('takes the revision it shows back as expectedRevision, and refuses a stale one', async () => {
    const update = { period: '2025-26 Q3', rag: 'green', commentary: 'Q3 on course', effectiveOn: '2025-12-31' };
    const stale = await t.request('POST', `/api/plans/${planId}/milestones/P1.2/updates`, { ...update, expectedRevision: 1 });
    expect(stale.status).toBe(409);
    const current = (await get(`/api/plans/${planId}/milestones/P1.2/history`)).revision;
    const ok = await t.request('POST', `/api/plans/${planId}/milestones/P1.2/updates`, { ...update, expectedRevision: current });
    expect(ok.status).toBe(201);
    position = ok.body.position;
    expect((await get(`/api/plans/${planId}/milestones/P1.2/history`)).revision).toBe(current + 1);
  });

  it('gives RAG totals per quarter at the cut, a correction counting only once known', async () => {
    const range = { from: '2025-26 Q1', to: '2025-26 Q2', asOf: asOf.afterQ2 };
    const now = await get(`/api/plans/${planId}/trend`, { ...range });
    expect(now.periods).toEqual([
      { period: '2025-26 Q1', totals: { green: 0, amber: 1, red: 1, complete: 0, notRated: 1 } },
      { period: '2025-26 Q2', totals: { green: 1, amber: 1, red: 0, complete: 0, notRated: 1 } },
    ]);
    const then = await get(`/api/plans/${planId}/trend`, { ...range, knownAt: knownAt.beforeCorrection });
    expect(then.periods[0]).toEqual({ period: '2025-26 Q1', totals: { green: 1, amber: 1, red: 0, complete: 0, notRated: 1 } });
    // By default: from the first quarter rated to the latest rated by asOf.
    expect((await get(`/api/plans/${planId}/trend`, { asOf: asOf.afterQ2 })).periods.map((p: any) => p.period)).toEqual(['2025-26 Q1', '2025-26 Q2']);
    const bad = await t.request('GET', `/api/plans/${planId}/trend?from=Q1`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('from');
  });
});
