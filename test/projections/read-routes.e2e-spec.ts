import { bearer, startTestApp, TestApp } from '../support/test-app';
import { httpWriter } from './support/http-writer';
import { read, readRaw } from './support/read';
import {
  LIFE,
  RATINGS,
  recordIndicators,
  recordRatingsWithBackdatedCorrection,
  recordRecommendationLife,
} from './support/scenarios';

describe('the read routes', () => {
  let t: TestApp;
  let position: number;
  const get = (path: string, params: Record<string, string | number> = {}) => read(t, path, { ...params, minPosition: position });

  beforeAll(async () => {
    t = await startTestApp();
    const w = httpWriter(t);
    await recordRatingsWithBackdatedCorrection(w);
    await recordRecommendationLife(w);
    position = await recordIndicators(w, RATINGS.planId);
  });
  afterAll(() => t.close());

  describe('visits', () => {
    it('lists visits by start date with their judgements and findings', async () => {
      const visits = await get(`/api/plans/${LIFE.planId}/visits`);
      expect(visits.map((v: any) => [v.visitId, v.kind, v.startDate, v.endDate, v.findings.length])).toEqual([
        ['ilacs-2024-05', 'ilacs', '2024-05-13', '2024-05-24', 0],
        ['mv-2025-01', 'monitoring', '2025-01-14', '2025-01-15', 2],
        ['mv-2025-04', 'monitoring', '2025-04-08', '2025-04-09', 1],
      ]);
      expect(visits[0]).toMatchObject({
        inspectors: ['Lead inspector', 'Second inspector'],
        areas: [],
        judgements: [{ area: 'overall-effectiveness', grade: 'inadequate', framework: 'ilacs-2023', effectiveOn: '2024-05-24' }],
      });
      expect(visits[1].findings[0]).toMatchObject({
        findingId: 'mv1-f1',
        text: 'Strategy meetings are still too often delayed.',
        assessment: 'insufficient-progress',
        recommendationIds: ['R01'],
        area: 'Response to risk',
        effectiveOn: '2025-01-15',
      });
    });

    it('shows findings only once effective and recorded, visits once recorded', async () => {
      const known = await get(`/api/plans/${LIFE.planId}/visits`, { knownAt: '2025-02-01T00:00:00Z' });
      expect(known.map((v: any) => [v.visitId, v.findings.length])).toEqual([
        ['ilacs-2024-05', 0],
        ['mv-2025-01', 2],
      ]);
      const asOf = await get(`/api/plans/${LIFE.planId}/visits`, { asOf: '2025-01-14' });
      expect(asOf.map((v: any) => [v.visitId, v.findings.length])).toEqual([
        ['ilacs-2024-05', 0],
        ['mv-2025-01', 0],
        ['mv-2025-04', 0],
      ]);
    });
  });

  describe('indicators', () => {
    it('gives one value per period, in period order, the correction winning once known', async () => {
      const [now] = await get(`/api/plans/${RATINGS.planId}/indicators`);
      expect(now).toMatchObject({ indicatorId: 'children-in-care', unit: 'children' });
      expect(now.values.map((v: any) => [v.period, v.value, v.note])).toEqual([
        ['2024-25', 370, null],
        ['2025-26 Q1', 379, 'Corrected: one child counted twice'],
        ['2025-26 Q2', 384, null],
      ]);
      const [before] = await get(`/api/plans/${RATINGS.planId}/indicators`, { knownAt: RATINGS.knownAt.beforeCorrection });
      expect(before.values.map((v: any) => v.value)).toEqual([370, 380, 384]);
      const [asOf] = await get(`/api/plans/${RATINGS.planId}/indicators`, { asOf: '2025-08-01' });
      expect(asOf.values.map((v: any) => v.period)).toEqual(['2024-25', '2025-26 Q1']);
    });
  });

  describe('audit trail', () => {
    const audit = (params: Record<string, string | number> = {}) => get(`/api/plans/${RATINGS.planId}/audit`, params);

    it('lists every recorded event of the plan, oldest first, with who recorded it', async () => {
      const trail = await audit();
      expect(trail).toHaveLength(6 + 5 + 5);
      expect(trail[0]).toMatchObject({
        type: 'PlanCreated',
        streamId: 'plan-testshire',
        revision: 0,
        effectiveOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        recordedAt: '2025-04-01T09:00:00.000Z',
        actor: { id: 'bootstrap-admin', role: 'admin' },
        data: { planId: 'testshire', localAuthority: 'Testshire County Council' },
      });
      const positions = trail.map((e: any) => e.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(trail.every((e: any) => e.streamId.endsWith('testshire') || e.streamId.includes('-testshire/'))).toBe(true);
    });

    it('keeps to the recorded range from–to, and to knownAt', async () => {
      const day = await audit({ from: '2025-10-20', to: '2025-10-20' });
      expect(day.map((e: any) => [e.type, e.recordedAt])).toEqual([
        ['MilestoneUpdated', '2025-10-20T10:00:00.000Z'],
        ['MilestoneUpdated', '2025-10-20T10:00:00.000Z'],
        ['IndicatorValueRecorded', '2025-10-20T10:00:00.000Z'],
      ]);
      const instants = await audit({ from: '2025-11-05T10:00:00Z', to: '2025-11-05T10:00:00.000Z' });
      expect(instants.map((e: any) => e.type)).toEqual(['MilestoneUpdated', 'IndicatorValueRecorded']);
      expect(await audit({ knownAt: '2025-04-02T00:00:00Z' })).toHaveLength(6);
    });

    it('pages with after and limit', async () => {
      const all = await audit();
      const first = await audit({ limit: 4 });
      const next = await audit({ limit: 4, after: first[3].position });
      expect([...first, ...next]).toEqual(all.slice(0, 8));
    });

    it('refuses a range that ends before it starts', async () => {
      const res = await readRaw(t, `/api/plans/${RATINGS.planId}/audit`, { from: '2025-10-20', to: '2025-10-19' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'to', message: 'to (2025-10-19) is before from (2025-10-20)' }]);
    });
  });

  describe('portfolio', () => {
    const cut = { asOf: RATINGS.asOf.afterQ2, knownAt: RATINGS.knownAt.afterCorrection };

    it('lists every plan with its totals then and the quarter before, direction of travel, open recommendations and last visit', async () => {
      const plans = await get('/api/plans', cut);
      expect(plans).toEqual([
        {
          planId: 'testshire',
          revision: 2,
          localAuthority: 'Testshire County Council',
          title: "Children's services improvement plan",
          totals: { green: 1, amber: 1, red: 0, complete: 0, notRated: 1 },
          direction: { improved: 2, declined: 0, unchanged: 0 },
          openRecommendations: 0,
          period: '2025-26 Q2',
          previousTotals: { green: 0, amber: 1, red: 1, complete: 0, notRated: 1 },
          lastVisit: null,
          trend: expect.any(Array),
        },
        {
          planId: 'riverside',
          revision: 1,
          localAuthority: 'Riverside Borough Council',
          title: 'Improvement plan',
          totals: { green: 2, amber: 0, red: 1, complete: 0, notRated: 0 },
          direction: { improved: 1, declined: 0, unchanged: 0 },
          openRecommendations: 1,
          period: '2025-26 Q1',
          previousTotals: { green: 0, amber: 1, red: 0, complete: 0, notRated: 2 },
          lastVisit: { visitId: 'mv-2025-04', kind: 'monitoring', endDate: '2025-04-09' },
          trend: expect.any(Array),
        },
      ]);
      expect((await get('/api/plans', { knownAt: '2025-01-01T00:00:00Z' })).map((p: any) => p.planId)).toEqual(['riverside']);
    });

    it('lists the milestones with a rating across plans, red by default', async () => {
      const red = await get('/api/portfolio/milestones', cut);
      expect(red.map((m: any) => [m.planId, m.localAuthority, m.milestoneId, m.period])).toEqual([
        ['riverside', 'Riverside Borough Council', 'P1.3', '2024-25 Q2'],
      ]);
      const amber = await get('/api/portfolio/milestones', { ...cut, rag: 'amber' });
      expect(amber.map((m: any) => [m.planId, m.milestoneId])).toEqual([['testshire', 'P1.1']]);
    });

    it('lists open recommendations, open longest first, across plans and per plan', async () => {
      const before = await get('/api/portfolio/recommendations/open-longest', { asOf: '2025-07-01' });
      expect(before.map((r: any) => [r.planId, r.recommendationId, r.openSince, r.daysOpen])).toEqual([
        ['riverside', 'R01', '2024-05-24', 403],
        ['riverside', 'R02', '2024-05-24', 403],
      ]);
      const after = await get(`/api/plans/${LIFE.planId}/recommendations/open-longest`, { asOf: '2025-08-01', limit: 5 });
      expect(after.map((r: any) => r.recommendationId)).toEqual(['R02']);
    });
  });

  describe('bad requests', () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ['asOf not a calendar date', { asOf: '2025-02-30' }, 'asOf'],
      ['asOf not a date at all', { asOf: 'yesterday' }, 'asOf'],
      ['knownAt a date without a time', { knownAt: '2025-10-01' }, 'knownAt'],
      ['knownAt without a zone', { knownAt: '2025-10-01T09:00:00' }, 'knownAt'],
      ['knownAt an impossible time', { knownAt: '2025-10-01T25:00:00Z' }, 'knownAt'],
      ['minPosition negative', { minPosition: '-1' }, 'minPosition'],
      ['minPosition not a number', { minPosition: 'latest' }, 'minPosition'],
      ['a parameter the route does not take', { colour: 'red' }, 'colour'],
    ];
    it.each(cases)('answers 400 problem+json naming the field: %s', async (_, params, field) => {
      const res = await readRaw(t, `/api/plans/${RATINGS.planId}/board`, params);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    });

    it('answers 400 for a minPosition no write has reached, at once', async () => {
      const res = await readRaw(t, `/api/plans/${RATINGS.planId}/board`, { minPosition: position + 1000 });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'minPosition' });
    });

    it('answers 400 for a limit out of range and a rag that does not exist', async () => {
      expect(
        (await readRaw(t, `/api/plans/${LIFE.planId}/recommendations/open-longest`, { limit: '0' })).body.errors[0].field,
      ).toBe('limit');
      expect((await readRaw(t, '/api/portfolio/milestones', { rag: 'purple' })).body.errors[0].field).toBe('rag');
    });

    it.each([
      '/api/plans/nowhere/board',
      '/api/plans/nowhere/board/declined',
      '/api/plans/nowhere/recommendations',
      '/api/plans/nowhere/visits',
      '/api/plans/nowhere/indicators',
      '/api/plans/nowhere/audit',
      '/api/plans/testshire/milestones/P9.9/history',
      '/api/plans/testshire/recommendations/R01/history',
    ])('answers 404 problem+json for %s', async (path) => {
      const res = await readRaw(t, path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    });
  });

  describe('access', () => {
    it('shows an adviser only its plans, and not the audit trail', async () => {
      const issued = await t.request('POST', '/api/tokens', { name: 'DfE adviser', role: 'dfe-adviser', plans: [LIFE.planId] });
      expect(issued.status).toBe(201);
      const as = bearer(issued.body.token);
      const plans = await t.request('GET', `/api/plans?minPosition=${position}`, undefined, as);
      expect(plans.body.map((p: any) => p.planId)).toEqual([LIFE.planId]);
      const red = await t.request('GET', '/api/portfolio/milestones', undefined, as);
      expect(red.body.every((m: any) => m.planId === LIFE.planId)).toBe(true);
      expect((await t.request('GET', `/api/plans/${LIFE.planId}/board`, undefined, as)).status).toBe(200);
      expect((await t.request('GET', `/api/plans/${RATINGS.planId}/board`, undefined, as)).status).toBe(403);
      expect((await t.request('GET', `/api/plans/${LIFE.planId}/audit`, undefined, as)).status).toBe(403);
    });
  });

  it('documents every read route with its query parameters', async () => {
    const docs = await t.request('GET', '/api/docs-json');
    expect(docs.status).toBe(200);
    const reads = [
      '/api/plans',
      '/api/portfolio/milestones',
      '/api/portfolio/recommendations/open-longest',
      '/api/plans/{planId}/board',
      '/api/plans/{planId}/board/declined',
      '/api/plans/{planId}/milestones/{milestoneId}/history',
      '/api/plans/{planId}/recommendations',
      '/api/plans/{planId}/recommendations/open-longest',
      '/api/plans/{planId}/recommendations/{recommendationId}/history',
      '/api/plans/{planId}/visits',
      '/api/plans/{planId}/indicators',
      '/api/plans/{planId}/audit',
    ];
    for (const path of reads) {
      const operation = docs.body.paths[path]?.get;
      expect([path, operation?.summary === undefined]).toEqual([path, false]);
      const names = operation.parameters.filter((p: any) => p.in === 'query').map((p: any) => p.name);
      expect([path, names]).toEqual([path, expect.arrayContaining(['asOf', 'knownAt', 'minPosition'])]);
      expect(operation.responses['200'].content['application/json'].schema).toBeDefined();
    }
  });
});
