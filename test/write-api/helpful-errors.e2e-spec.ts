import { recordSmallPlan } from '../support/plan-fixture';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { read } from '../projections/support/read';

const RATING = { period: '2025-26 Q2', commentary: 'On course.', effectiveOn: '2025-09-30' };

/** The errors and the ids a person meets when they type as people do: what they send, and what they now see. */
describe('errors that help a person, and ids as people type them', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await recordSmallPlan(t);
  });
  afterAll(() => t.close());

  describe('ids are not case-sensitive', () => {
    it('finds milestone P2.1 typed as p2.1, in a plan typed HALTON, and records it under its own id', async () => {
      const res = await t.request('POST', '/api/plans/HALTON/milestones/p2.1/updates', { ...RATING, rag: 'amber' });
      expect(res.status).toBe(201);
      expect(res.body.streamId).toBe('milestone-halton/P2.1');
      const history = await read(t, '/api/plans/halton/milestones/p2.1/history', { minPosition: res.body.position });
      expect(history).toMatchObject({ planId: 'halton', milestoneId: 'P2.1', updates: [{ rag: 'amber' }] });
      const board = await read(t, '/api/plans/Halton/board');
      expect(board.planId).toBe('halton');
    });

    it('refuses to add p2.1 beside P2.1: it is the same milestone, already there', async () => {
      const res = await t.request('POST', '/api/plans/halton/milestones', { milestoneId: 'p2.1', priorityId: 'cyp p2', title: 'Again' });
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/Milestone P2\.1 already exists/);
    });

    it('lets a token for plan "halton" read the plan typed HALTON', async () => {
      const issued = await t.request('POST', '/api/tokens', { name: 'Ada Adviser', role: 'dfe-adviser', plans: ['halton'] });
      const res = await t.request('GET', '/api/plans/HALTON/board', undefined, bearer(issued.body.token));
      expect(res.status).toBe(200);
    });
  });

  describe('a 404 says which id was not found', () => {
    it('on a write', async () => {
      const res = await t.request('POST', '/api/plans/halton/milestones/P9.9/updates', { ...RATING, rag: 'green' });
      expect(res.status).toBe(404);
      expect(res.body.detail).toBe('Plan "halton" has no milestone "P9.9"; add it to the plan before rating it.');
      expect(res.body.errors).toEqual([{ field: 'milestoneId', message: res.body.detail }]);
    });

    it('on a read, and for a plan', async () => {
      const milestone = await t.request('GET', '/api/plans/halton/milestones/P9.9/history');
      expect(milestone.status).toBe(404);
      expect(milestone.body.detail).toBe('Plan "halton" has no milestone "P9.9".');
      const plan = await t.request('POST', '/api/plans/nowhere/priorities', { priorityId: 'CYP P1', title: 'x' });
      expect(plan.status).toBe(404);
      expect(plan.body.detail).toMatch(/^There is no plan "nowhere"/);
    });
  });

  it('a missing field gets one message: that it is required', async () => {
    const res = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', { period: '2025-26 Q2', rag: 'green' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'commentary', message: 'commentary is required' }]);
    const rows = await t.request('POST', '/api/plans/halton/quarterly-updates', { period: '2025-26 Q2', updates: [{ milestoneId: 'P2.1', rag: 'green' }] });
    expect(rows.body.errors).toEqual([{ field: 'updates[0].commentary', message: 'commentary is required' }]);
  });

  it('a body too large says what the field it carries takes: a commentary is 20,000 characters at most', async () => {
    const res = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', { ...RATING, rag: 'green', commentary: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(res.body.detail).toMatch(/too large \(1 MB at most\)\. .*commentary takes at most 20,000 characters/);
    expect(res.body.errors).toContainEqual({ field: 'commentary', message: 'at most 20,000 characters' });
    const rows = await t.request('POST', '/api/plans/halton/quarterly-updates', {
      period: '2025-26 Q2',
      updates: [{ milestoneId: 'P2.1', rag: 'green', commentary: 'x'.repeat(1_100_000) }],
    });
    expect(rows.status).toBe(413);
    expect(rows.body.errors).toContainEqual({ field: 'updates[].commentary', message: 'at most 20,000 characters' });
  });

  it('takes ratings as people type them ("Green", "Not rated") and records them in lower case', async () => {
    await t.request('POST', '/api/plans/halton/milestones', { milestoneId: 'P2.2', priorityId: 'CYP P2', title: 'Sufficiency strategy' });
    const single = await t.request('POST', '/api/plans/halton/milestones/P2.2/updates', { ...RATING, rag: 'Green', forecastRag: 'AMBER' });
    expect(single.status).toBe(201);
    const batch = await t.request('POST', '/api/plans/halton/quarterly-updates', {
      period: '2025-26 Q3',
      updates: [
        { milestoneId: 'P2.1', rag: 'Not rated', commentary: 'Symbol missing from the paper', effectiveOn: '2025-12-31' },
        { milestoneId: 'P2.2', rag: ' Red ', commentary: 'Slipped', effectiveOn: '2025-12-31' },
      ],
    });
    expect(batch.status).toBe(201);
    const history = await read(t, '/api/plans/halton/milestones/P2.2/history', { minPosition: batch.body.position });
    expect(history.updates.map((u: any) => [u.period, u.rag, u.forecastRag])).toEqual([
      ['2025-26 Q2', 'green', 'amber'],
      ['2025-26 Q3', 'red', null],
    ]);
    const board = await read(t, '/api/plans/halton/board', { asOf: '2025-12-31' });
    expect(board.totals).toMatchObject({ red: 1, notRated: 1 });
    const purple = await t.request('POST', '/api/plans/halton/milestones/P2.2/updates', { ...RATING, rag: 'Purple', reason: 'x' });
    expect(purple.body.errors).toEqual([{ field: 'rag', message: 'rag must be one of: green, amber, red, complete, not-rated' }]);
  });
});
