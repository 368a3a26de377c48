import { startTestApp, TestApp } from '../support/test-app';
import { httpWriter } from './support/http-writer';
import { read, ragsOf, readRaw } from './support/read';
import { RATINGS, recordRatingsWithBackdatedCorrection } from './support/scenarios';

/** Written scenario 1 over HTTP: ratings in two quarters, then a backdated correction of the first. */
describe('the RAG board through time', () => {
  let t: TestApp;
  let position: number;
  const { planId, asOf, knownAt } = RATINGS;
  const board = (params: Record<string, string>) => read(t, `/api/plans/${planId}/board`, { ...params, minPosition: position });
  const milestone = (b: any, id: string) => b.priorities.flatMap((p: any) => p.milestones).find((m: any) => m.milestoneId === id);

  beforeAll(async () => {
    t = await startTestApp();
    position = await recordRatingsWithBackdatedCorrection(httpWriter(t));
  });
  afterAll(() => t.close());

  it('before the first quarter every milestone is not rated, whatever is known', async () => {
    const before = await board({ asOf: asOf.beforeQ1 });
    expect(ragsOf(before)).toEqual({ 'P1.1': 'not-rated', 'P1.2': 'not-rated', 'P2.1': 'not-rated' });
    expect(before.totals).toEqual({ green: 0, amber: 0, red: 0, complete: 0, notRated: 3 });
    expect(milestone(before, 'P1.1')).toMatchObject({
      period: null,
      commentary: null,
      effectiveOn: null,
      recordedAt: null,
      previousRag: null,
    });
  });

  it('between the quarters: the correction is what is true as of then, the original what was known before it', async () => {
    const now = await board({ asOf: asOf.betweenQ1AndQ2 });
    expect(now).toMatchObject({ planId, asOf: asOf.betweenQ1AndQ2 });
    expect(ragsOf(now)).toEqual({ 'P1.1': 'red', 'P1.2': 'amber', 'P2.1': 'not-rated' });
    expect(milestone(now, 'P1.1')).toMatchObject({
      period: '2025-26 Q1',
      effectiveOn: '2025-06-30',
      recordedAt: '2025-11-05T10:00:00.000Z',
      commentary: 'Q1 corrected: 64% within 45 days once duplicates were removed',
      previousRag: null,
    });

    const then = await board({ asOf: asOf.betweenQ1AndQ2, knownAt: knownAt.beforeCorrection });
    expect(then.knownAt).toBe('2025-11-01T00:00:00.000Z');
    expect(ragsOf(then)).toEqual({ 'P1.1': 'green', 'P1.2': 'amber', 'P2.1': 'not-rated' });
    expect(milestone(then, 'P1.1')).toMatchObject({ recordedAt: '2025-07-20T10:00:00.000Z', forecastRag: 'green' });
  });

  it('after the second quarter, direction of travel compares with the previous quarter at the same cut', async () => {
    const now = await board({ asOf: asOf.afterQ2, knownAt: knownAt.afterCorrection });
    expect(ragsOf(now)).toEqual({ 'P1.1': 'amber', 'P1.2': 'green', 'P2.1': 'not-rated' });
    expect(milestone(now, 'P1.1')).toMatchObject({
      period: '2025-26 Q2',
      previousRag: 'red',
      previousPeriod: '2025-26 Q1',
      direction: 'improved',
    });
    expect(milestone(now, 'P1.2')).toMatchObject({ previousRag: 'amber', direction: 'improved' });
    expect(now.totals).toEqual({ green: 1, amber: 1, red: 0, complete: 0, notRated: 1 });

    const then = await board({ asOf: asOf.afterQ2, knownAt: knownAt.beforeCorrection });
    expect(ragsOf(then)).toEqual({ 'P1.1': 'amber', 'P1.2': 'green', 'P2.1': 'not-rated' });
    expect(milestone(then, 'P1.1')).toMatchObject({ previousRag: 'green', direction: 'declined' });
  });

  it('known at earlier times shows only what had been recorded by then', async () => {
    expect(ragsOf(await board({ asOf: asOf.afterQ2, knownAt: knownAt.beforeQ2Recorded }))).toEqual({
      'P1.1': 'green',
      'P1.2': 'amber',
      'P2.1': 'not-rated',
    });
    expect(ragsOf(await board({ asOf: asOf.afterQ2, knownAt: knownAt.beforeQ1Recorded }))).toEqual({
      'P1.1': 'not-rated',
      'P1.2': 'not-rated',
      'P2.1': 'not-rated',
    });
    const res = await readRaw(t, `/api/plans/${planId}/board`, { knownAt: knownAt.beforePlan, minPosition: position });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.detail).toMatch(/recorded at 2025-04-01T09:00:00.000Z, after knownAt/);
  });

  it('by default answers as of today, known now, with priorities and milestones in plan order', async () => {
    const today = await board({});
    expect(today.asOf).toBe(new Date().toISOString().slice(0, 10));
    expect(today.priorities.map((p: any) => [p.priorityId, p.title, p.milestones.map((m: any) => m.milestoneId)])).toEqual([
      ['CYP P1', 'Early help', ['P1.1', 'P1.2']],
      ['CYP P2', 'Placement sufficiency', ['P2.1']],
    ]);
    expect(milestone(today, 'P1.1')).toMatchObject({
      rag: 'amber',
      owner: 'Early Help',
      title: 'Early help assessments within 45 days',
    });
  });

  it('lists the milestones whose rating fell since the previous quarter', async () => {
    const before = await read(t, `/api/plans/${planId}/board/declined`, {
      asOf: asOf.afterQ2,
      knownAt: knownAt.beforeCorrection,
      minPosition: position,
    });
    expect(before.milestones.map((m: any) => [m.priorityId, m.milestoneId, m.previousRag, m.rag])).toEqual([
      ['CYP P1', 'P1.1', 'green', 'amber'],
    ]);
    const after = await read(t, `/api/plans/${planId}/board/declined`, { asOf: asOf.afterQ2, minPosition: position });
    expect(after.milestones).toEqual([]);
  });

  it('keeps every version in the milestone history, the correction with its reason, in effective order', async () => {
    const history = await read(t, `/api/plans/${planId}/milestones/P1.1/history`, { minPosition: position });
    expect(history.updates.map((u: any) => [u.period, u.rag, u.effectiveOn, u.recordedAt, u.superseded, u.reason])).toEqual([
      ['2025-26 Q1', 'green', '2025-06-30', '2025-07-20T10:00:00.000Z', true, null],
      ['2025-26 Q1', 'red', '2025-06-30', '2025-11-05T10:00:00.000Z', false, RATINGS.correctionReason],
      ['2025-26 Q2', 'amber', '2025-09-30', '2025-10-20T10:00:00.000Z', false, null],
    ]);
    expect(history.updates[0].actor).toEqual({ id: 'bootstrap-admin', name: 'Bootstrap administrator', role: 'admin', organisation: null });

    const known = await read(t, `/api/plans/${planId}/milestones/P1.1/history`, {
      knownAt: knownAt.beforeCorrection,
      minPosition: position,
    });
    expect(known.updates.map((u: any) => [u.rag, u.superseded])).toEqual([
      ['green', false],
      ['amber', false],
    ]);
    const asOfQ1 = await read(t, `/api/plans/${planId}/milestones/P1.1/history`, {
      asOf: asOf.betweenQ1AndQ2,
      minPosition: position,
    });
    expect(asOfQ1.updates.map((u: any) => u.rag)).toEqual(['green', 'red']);
  });
});
