import { startTestApp, TestApp } from '../support/test-app';
import { read } from './support/read';

/**
 * Which way the seeded Halton plan is moving, as a DfE adviser asks: declines after a quarter not rated,
 * recommendations open since they were raised (a reopening included), and RAG totals quarter by quarter.
 */
describe('direction of travel of the seeded Halton plan', () => {
  let t: TestApp;
  let head: number;
  const post = async (path: string, body: unknown) => {
    const res = await t.request('POST', `/api/plans/halton${path}`, body);
    if (res.status !== 201) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    head = res.body.position;
  };
  const q3 = (milestoneId: string, rag: string) =>
    post(`/milestones/${milestoneId}/updates`, { period: '2025-26 Q3', rag, commentary: `Q3: ${rag}`, effectiveOn: '2025-12-31' });

  beforeAll(async () => {
    t = await startTestApp({ TRACKER_SEED: 'halton' });
    // Q2 2025-26 as seeded: P1.4 and P2.1 not rated, P1.1 green, P1.3 amber.
    await q3('P1.4', 'red');
    await q3('P2.1', 'red');
    await q3('P1.1', 'amber');
    await q3('P1.3', 'green');
  }, 60_000);
  afterAll(() => t.close());

  it('counts not rated → red as a decline, on the declined list and in the portfolio', async () => {
    const declined = await read(t, '/api/plans/halton/board/declined', { asOf: '2025-12-31', minPosition: head });
    expect(declined.milestones.map((m: any) => [m.milestoneId, m.previousRag, m.rag])).toEqual([
      ['P1.1', 'green', 'amber'],
      ['P1.4', 'not-rated', 'red'],
      ['P2.1', 'not-rated', 'red'],
    ]);
    const [halton] = await read(t, '/api/plans', { asOf: '2025-12-31' });
    expect(halton.direction).toEqual({ improved: 1, declined: 3, unchanged: 0 });
  });

  it('keeps a reopened recommendation open since it was raised in May 2024, at the top of the open-longest list', async () => {
    await post('/recommendations/R09/closure', { reason: 'Pathway plans audited', evidence: ['Audit, June 2026'], effectiveOn: '2026-06-30' });
    await post('/recommendations/R09/reopening', { reason: 'Visit found the plans out of date again', effectiveOn: '2026-11-20' });
    const r09 = (await read(t, '/api/plans/halton/recommendations', { asOf: '2026-12-01', minPosition: head })).find(
      (r: any) => r.recommendationId === 'R09',
    );
    expect(r09).toMatchObject({ status: 'open', openSince: '2024-05-24', reopenedOn: '2026-11-20' });
    const longest = await read(t, '/api/portfolio/recommendations/open-longest', { asOf: '2026-12-01', limit: 20 });
    expect(longest.find((r: any) => r.recommendationId === 'R09')).toMatchObject({ openSince: '2024-05-24', daysOpen: 921, reopenedOn: '2026-11-20' });
    expect(new Set(longest.map((r: any) => r.daysOpen))).toEqual(new Set([921]));
  });

  it('gives RAG totals per quarter over a range, and by default from the first quarter rated', async () => {
    const trend = await read(t, '/api/plans/halton/trend', { from: '2025-26 Q1', to: '2025-26 Q3', asOf: '2025-12-31', minPosition: head });
    expect(trend.periods).toEqual([
      { period: '2025-26 Q1', totals: { green: 0, amber: 0, red: 0, complete: 0, notRated: 51 } },
      { period: '2025-26 Q2', totals: { green: 13, amber: 19, red: 0, complete: 0, notRated: 19 } },
      { period: '2025-26 Q3', totals: { green: 1, amber: 1, red: 2, complete: 0, notRated: 47 } },
    ]);
    const byDefault = await read(t, '/api/plans/halton/trend', { asOf: '2025-12-31' });
    expect(byDefault.periods.map((p: any) => p.period)).toEqual(['2025-26 Q2', '2025-26 Q3']);
    const asKnownBefore = await read(t, '/api/plans/halton/trend', { asOf: '2025-12-31', knownAt: '2020-01-01T00:00:00Z' }, 404);
    expect(asKnownBefore.detail).toMatch(/plan "halton" was recorded at/);
  });

  it('gives each plan of the portfolio its last four quarters', async () => {
    const [halton] = await read(t, '/api/plans', { asOf: '2025-12-31' });
    expect(halton.trend.map((p: any) => [p.period, p.totals.red, p.totals.notRated])).toEqual([
      ['2024-25 Q4', 0, 51],
      ['2025-26 Q1', 0, 51],
      ['2025-26 Q2', 0, 19],
      ['2025-26 Q3', 2, 47],
    ]);
  });

  it.each([
    ['from after to', { from: '2025-26 Q3', to: '2025-26 Q1' }, 'from', /from \(2025-26 Q3\) is after to \(2025-26 Q1\)/],
    ['more than ten years', { from: '2010-11 Q1', to: '2025-26 Q2' }, 'from', /more than 40 quarters/],
    ['a quarter of no year', { to: '2025-27 Q1' }, 'to', /whose years follow one another/],
    ['not a quarter', { from: 'Q1 2025' }, 'from', /must be a financial-year quarter/],
  ])('refuses %s with 400 naming the parameter', async (_what, query, field, message) => {
    const problem = await read(t, '/api/plans/halton/trend', query, 400);
    expect(problem.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
  });
});
