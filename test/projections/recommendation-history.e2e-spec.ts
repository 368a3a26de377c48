import { startTestApp, TestApp } from '../support/test-app';
import { httpWriter } from './support/http-writer';
import { read, readRaw } from './support/read';
import { LIFE, recordRecommendationLife } from './support/scenarios';

/** Written scenario 2 over HTTP: raised at an inspection, linked, visited twice, closed. */
describe('a recommendation’s history, cut at visits', () => {
  let t: TestApp;
  let position: number;
  const { planId } = LIFE;
  const history = (params: Record<string, string> = {}, id = 'R01') =>
    read(t, `/api/plans/${planId}/recommendations/${id}/history`, { ...params, minPosition: position });
  const cuts = (h: any) => h.segments.map((s: any) => [s.from?.visitId ?? null, s.to?.visitId ?? null]);
  const lines = (segment: any) =>
    segment.entries
      .filter((e: any) => e.type !== 'MilestoneLinked')
      .map((e: any) => `${e.effectiveOn} ${e.type} ${e.milestoneId ?? e.visitId ?? ''}`.trim());

  beforeAll(async () => {
    t = await startTestApp();
    position = await recordRecommendationLife(httpWriter(t));
  });
  afterAll(() => t.close());

  it('cuts the life at each visit after the inspection that raised it, with findings, linked updates and the closure', async () => {
    const h = await history();
    expect(h).toMatchObject({ planId, recommendationId: 'R01', status: 'closed', raisedOn: '2024-05-24' });
    expect(cuts(h)).toEqual([
      ['ilacs-2024-05', 'mv-2025-01'],
      ['mv-2025-01', 'mv-2025-04'],
      ['mv-2025-04', null],
    ]);
    expect(h.segments[0].from).toEqual({ visitId: 'ilacs-2024-05', kind: 'ilacs', endDate: '2024-05-24' });
    expect(h.segments[1].to).toEqual({ visitId: 'mv-2025-04', kind: 'monitoring', endDate: '2025-04-09' });
    expect(lines(h.segments[0])).toEqual([
      '2024-05-24 RecommendationRaised',
      '2024-09-30 MilestoneUpdated P1.1',
      '2025-01-15 VisitFindingRecorded mv-2025-01',
    ]);
    expect(lines(h.segments[1])).toEqual([
      '2025-03-31 MilestoneUpdated P1.1',
      '2025-03-31 MilestoneUpdated P1.2',
      '2025-04-09 VisitFindingRecorded mv-2025-04',
    ]);
    expect(lines(h.segments[2])).toEqual(['2025-06-30 MilestoneUpdated P1.2', '2025-07-15 RecommendationClosed']);
  });

  it('gives each entry its times, who recorded it and a summary a person can read', async () => {
    const h = await history();
    const [first, , last] = h.segments;
    expect(first.entries.find((e: any) => e.type === 'VisitFindingRecorded')).toMatchObject({
      effectiveOn: '2025-01-15',
      recordedAt: '2025-01-20T09:00:00.000Z',
      visitId: 'mv-2025-01',
      findingId: 'mv1-f1',
      assessment: 'insufficient-progress',
      summary: 'Visit mv-2025-01 found (insufficient-progress): Strategy meetings are still too often delayed.',
      actor: { id: 'bootstrap-admin' },
    });
    expect(first.entries.find((e: any) => e.type === 'MilestoneUpdated')).toMatchObject({ period: '2024-25 Q2', rag: 'amber' });
    expect(last.entries.find((e: any) => e.type === 'RecommendationClosed')).toMatchObject({
      effectiveOn: '2025-07-15',
      recordedAt: '2025-07-25T09:00:00.000Z',
      reason: LIFE.closure.reason,
      evidence: LIFE.closure.evidence,
    });
  });

  it('shows each link once, and nothing of the unlinked milestone or of findings about other recommendations', async () => {
    const entries = (await history()).segments.flatMap((s: any) => s.entries);
    // Links carry no date of their own: over HTTP they take effect the day the server records them.
    expect(entries.filter((e: any) => e.type === 'MilestoneLinked').map((e: any) => e.milestoneId)).toEqual(['P1.1', 'P1.2']);
    expect(entries.some((e: any) => e.milestoneId === 'P1.3')).toBe(false);
    expect(entries.some((e: any) => e.findingId === 'mv1-f2')).toBe(false);
  });

  it('as of a date before the closure: open, and nothing effective later', async () => {
    const h = await history({ asOf: '2025-05-01' });
    expect(h.status).toBe('open');
    expect(cuts(h)).toEqual([
      ['ilacs-2024-05', 'mv-2025-01'],
      ['mv-2025-01', 'mv-2025-04'],
      ['mv-2025-04', null],
    ]);
    expect(lines(h.segments[2])).toEqual([]);
  });

  it('known at a time between the visits: only the first monitoring visit exists yet', async () => {
    const h = await history({ knownAt: '2025-02-01T00:00:00Z' });
    expect(h.status).toBe('open');
    expect(cuts(h)).toEqual([
      ['ilacs-2024-05', 'mv-2025-01'],
      ['mv-2025-01', null],
    ]);
    expect(lines(h.segments[1])).toEqual([]);
  });

  it('lists the recommendations with their status as of a date', async () => {
    const now = await read(t, `/api/plans/${planId}/recommendations`, { minPosition: position });
    expect(now.map((r: any) => [r.recommendationId, r.status, r.closedOn ?? null, r.linkedMilestoneIds])).toEqual([
      ['R01', 'closed', '2025-07-15', ['P1.1', 'P1.2']],
      ['R02', 'open', null, []],
    ]);
    expect(now[0]).toMatchObject({
      raisedOn: '2024-05-24',
      source: 'ilacs-2024-05',
      text: 'The response to risk, including timely strategy meetings.',
    });
    const before = await read(t, `/api/plans/${planId}/recommendations`, { asOf: '2025-07-14', minPosition: position });
    expect(before.map((r: any) => [r.recommendationId, r.status, r.closedOn])).toEqual([
      ['R01', 'open', undefined],
      ['R02', 'open', undefined],
    ]);
  });

  it('records a reopening as a status of its own, and the history keeps both', async () => {
    t.setClock('2025-12-01T09:00:00.000Z');
    const reopened = await httpWriter(t).reopenRecommendation(planId, 'R01', {
      reason: 'A later audit found delays again',
      effectiveOn: '2025-11-20',
    });
    t.setClock(undefined);
    const list = await read(t, `/api/plans/${planId}/recommendations`, { minPosition: reopened });
    expect(list[0]).toMatchObject({ recommendationId: 'R01', status: 'open', openSince: '2024-05-24', reopenedOn: '2025-11-20' });
    const h = await read(t, `/api/plans/${planId}/recommendations/R01/history`, { minPosition: reopened });
    expect(h.status).toBe('open');
    expect(lines(h.segments[2]).slice(-2)).toEqual(['2025-07-15 RecommendationClosed', '2025-11-20 RecommendationReopened']);
    const asOfAutumn = await read(t, `/api/plans/${planId}/recommendations`, { asOf: '2025-10-01', minPosition: reopened });
    expect(asOfAutumn[0].status).toBe('closed');
  });

  it('dates a link by the one clock: made while the clock says 2025, it takes effect in 2025', async () => {
    t.setClock('2025-06-10T09:00:00.000Z');
    let linked: number;
    try {
      linked = await httpWriter(t).linkMilestone(planId, 'R02', { milestoneId: 'P1.2' });
    } finally {
      t.setClock(undefined);
    }
    const links = async (asOf?: string) =>
      (await read(t, `/api/plans/${planId}/recommendations/R02/history`, { minPosition: linked, ...(asOf ? { asOf } : {}) })).segments
        .flatMap((s: any) => s.entries)
        .filter((e: any) => e.type === 'MilestoneLinked');
    expect(await links()).toEqual([
      expect.objectContaining({ milestoneId: 'P1.2', effectiveOn: '2025-06-10', recordedAt: '2025-06-10T09:00:00.000Z' }),
    ]);
    expect(await links('2025-06-09')).toEqual([]);
    const trail = await read(t, `/api/plans/${planId}/audit`, { minPosition: linked, after: String(linked - 1) });
    expect(trail).toEqual([expect.objectContaining({ type: 'MilestoneLinked', effectiveOn: '2025-06-10', data: { milestoneId: 'P1.2', effectiveOn: '2025-06-10' } })]);
  });

  it('answers 404 problem+json for an unknown recommendation', async () => {
    const res = await readRaw(t, `/api/plans/${planId}/recommendations/R99/history`, { minPosition: position });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, detail: 'Plan "riverside" has no recommendation "R99".' });
  });
});
