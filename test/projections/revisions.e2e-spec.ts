import { recordSmallPlan } from '../support/plan-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { read, readRaw } from './support/read';

const RATING = { period: '2025-26 Q2', rag: 'amber', commentary: 'Recruitment delayed', effectiveOn: '2025-09-30' };

/** What a client reads to send back: every read of a thing that can be written shows its revision. */
describe('revisions to send back', () => {
  let t: TestApp;
  let position: number;
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await t.request('POST', path, body, headers);
    if (res.status === 201) position = res.body.position;
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp();
    t.setClock('2025-10-20T09:00:00.000Z');
    await recordSmallPlan(t);
    await post('/api/plans/halton/indicators', { indicatorId: 'cic', title: 'Children in care', unit: 'children' });
    const first = await post('/api/plans/halton/milestones/P2.1/updates', RATING);
    expect(first.body.revision).toBe(1);
  });
  afterAll(() => t.close());

  it('shows each on the board, the histories, the lists and the portfolio; the histories send it as a weak ETag', async () => {
    const board = await read(t, '/api/plans/halton/board', { minPosition: position });
    expect(board.revision).toBe(1); // PlanCreated, PriorityAdded
    expect(board.priorities[0].milestones[0]).toMatchObject({ milestoneId: 'P2.1', revision: 1 });
    const history = await readRaw(t, '/api/plans/halton/milestones/P2.1/history');
    expect(history.body.revision).toBe(1);
    expect(history.headers.get('etag')).toBe('W/"1"');
    const recommendations = await read(t, '/api/plans/halton/recommendations');
    expect(recommendations[0]).toMatchObject({ recommendationId: 'R07', revision: 0 });
    const recommendation = await readRaw(t, '/api/plans/halton/recommendations/R07/history');
    expect([recommendation.body.revision, recommendation.headers.get('etag')]).toEqual([0, 'W/"0"']);
    expect((await read(t, '/api/plans/halton/recommendations/open-longest'))[0].revision).toBe(0);
    expect((await read(t, '/api/plans/halton/visits'))[0]).toMatchObject({ visitId: 'ilacs-2024-05', revision: 0 });
    expect((await read(t, '/api/plans/halton/indicators'))[0]).toMatchObject({ indicatorId: 'cic', revision: 0 });
    expect((await read(t, '/api/plans'))[0]).toMatchObject({ planId: 'halton', revision: 1 });
    expect((await read(t, '/api/portfolio/milestones', { rag: 'amber' }))[0]).toMatchObject({ milestoneId: 'P2.1', revision: 1 });
  });

  it('takes the revision back in If-Match: the one read is accepted, a stale one is 409', async () => {
    const etag = (await readRaw(t, '/api/plans/halton/milestones/P2.1/history')).headers.get('etag')!;
    const correction = { ...RATING, rag: 'red', reason: 'Audit found more moves' };
    const ok = await post('/api/plans/halton/milestones/P2.1/updates', correction, { 'If-Match': etag });
    expect(ok.status).toBe(201);
    expect(ok.body.revision).toBe(2);
    const stale = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', { ...correction, rag: 'green', reason: 'x' }, { 'If-Match': etag });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentRevision: 2, errors: [{ field: 'expectedRevision', message: 'the current revision is 2' }] });
    const history = await readRaw(t, '/api/plans/halton/milestones/P2.1/history', { minPosition: position });
    expect(history.headers.get('etag')).toBe('W/"2"');
  });

  it('refuses If-Match and expectedRevision that disagree, an If-Match that is no revision, and one on a quarterly update (400)', async () => {
    const both = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', { ...RATING, expectedRevision: 1, reason: 'x' }, { 'If-Match': 'W/"2"' });
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual([{ field: 'If-Match', message: expect.stringMatching(/names revision 2, but expectedRevision is 1/) }]);
    const star = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', { ...RATING, reason: 'x' }, { 'If-Match': '*' });
    expect([star.status, star.body.errors[0].field]).toEqual([400, 'If-Match']);
    const batch = await t.request(
      'POST',
      '/api/plans/halton/quarterly-updates',
      { period: '2025-26 Q2', updates: [{ milestoneId: 'P2.1', rag: 'green', commentary: 'x', reason: 'x' }] },
      { 'If-Match': 'W/"2"' },
    );
    expect([batch.status, batch.body.errors[0].field]).toEqual([400, 'If-Match']);
  });

  it('as known at an earlier time, is the revision recorded by then', async () => {
    t.setClock('2025-11-02T09:00:00.000Z');
    await post('/api/plans/halton/milestones/P2.1/due-date', { dueOn: '2026-06-30', reason: 'Recruitment delayed' });
    const now = await read(t, '/api/plans/halton/board', { minPosition: position });
    const before = await read(t, '/api/plans/halton/board', { knownAt: '2025-11-01T00:00:00Z' });
    expect([now.priorities[0].milestones[0].revision, before.priorities[0].milestones[0].revision]).toEqual([3, 2]);
  });
});
