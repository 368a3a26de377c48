import { recordSmallPlan } from '../support/plan-fixture';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { read, readRaw } from './support/read';

const Q2 = { period: '2025-26 Q2', commentary: 'As reported to the board', effectiveOn: '2025-09-30' };

/** The auditor's questions: what did this person, milestone or recommendation see happen, and which ratings were changed after the fact. */
describe('the audit trail, filtered and paged, and the corrections', () => {
  let t: TestApp;
  let jane: string;
  let head: number;
  const write = async (path: string, body: unknown, token?: string) => {
    const res = await t.request('POST', `/api/plans/halton${path}`, body, token ? bearer(token) : {});
    if (res.status !== 201) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    head = res.body.position;
  };
  const audit = (params: Record<string, string | number>) => read(t, '/api/plans/halton/audit', { minPosition: head, ...params });
  const summary = (events: any[]) => events.map((e) => `${e.type} ${e.streamId}`);

  beforeAll(async () => {
    t = await startTestApp();
    t.setClock('2025-10-20T09:00:00.000Z');
    await recordSmallPlan(t);
    jane = (await t.request('POST', '/api/tokens', { name: 'Jane Smith', role: 'board-member', plans: ['halton'] })).body.token;
    await write('/milestones', { milestoneId: 'P2.2', priorityId: 'CYP P2', title: 'Sufficiency strategy' });
    await write('/milestones/P2.1/updates', { ...Q2, rag: 'green' });
    await write('/milestones/P2.2/updates', { ...Q2, rag: 'amber' });
    await write('/recommendations/R07/links', { milestoneId: 'P2.1' });
    await write('/visits/ilacs-2024-05/findings', { text: 'Too few placements close to home', assessment: 'area-for-improvement', recommendationIds: ['R07'] });
    t.setClock('2025-11-14T16:30:00.000Z');
    await write('/milestones/P2.1/updates', { ...Q2, rag: 'red', commentary: 'Three more moves found', reason: 'Casefile audit of October' }, jane);
    t.setClock('2025-11-28T10:00:00.000Z');
    await write('/milestones/P2.1/updates', { ...Q2, rag: 'amber', commentary: 'Two of the moves were planned', reason: 'Moves reviewed' });
  });
  afterAll(() => t.close());

  it('narrows the trail by event type, and by person (id or name, in any case)', async () => {
    expect(summary(await audit({ type: 'MilestoneUpdated' }))).toEqual([
      'MilestoneUpdated milestone-halton/P2.1',
      'MilestoneUpdated milestone-halton/P2.2',
      'MilestoneUpdated milestone-halton/P2.1',
      'MilestoneUpdated milestone-halton/P2.1',
    ]);
    const byJane = await audit({ actor: 'jane smith' });
    expect(byJane.map((e: any) => [e.type, e.actor.name, e.data.rag])).toEqual([['MilestoneUpdated', 'Jane Smith', 'red']]);
    expect(await audit({ actor: byJane[0].actor.id })).toEqual(byJane);
    expect(summary(await audit({ type: 'MilestoneLinked,VisitFindingRecorded', actor: 'bootstrap-admin' }))).toEqual([
      'MilestoneLinked recommendation-halton/R07',
      'VisitFindingRecorded visit-halton/ilacs-2024-05',
    ]);
  });

  it('narrows it to a milestone (with the links that name it) or a recommendation (with the findings that name it)', async () => {
    expect(summary(await audit({ milestoneId: 'p2.1' }))).toEqual([
      'MilestoneAdded milestone-halton/P2.1',
      'MilestoneUpdated milestone-halton/P2.1',
      'MilestoneLinked recommendation-halton/R07',
      'MilestoneUpdated milestone-halton/P2.1',
      'MilestoneUpdated milestone-halton/P2.1',
    ]);
    expect(summary(await audit({ recommendationId: 'R07' }))).toEqual([
      'RecommendationRaised recommendation-halton/R07',
      'MilestoneLinked recommendation-halton/R07',
      'VisitFindingRecorded visit-halton/ilacs-2024-05',
    ]);
    expect(summary(await audit({ milestoneId: 'P2.1', recommendationId: 'R07' }))).toEqual(['MilestoneLinked recommendation-halton/R07']);
    expect(summary(await audit({ milestoneId: 'P2.1', knownAt: '2025-11-01T00:00:00Z' }))).toHaveLength(3);
  });

  it('pages with a cursor: a full page links to the next, which goes on where it stopped', async () => {
    const first = await readRaw(t, '/api/plans/halton/audit', { type: 'MilestoneUpdated', limit: 3 });
    expect(first.body).toHaveLength(3);
    const link = first.headers.get('link')!;
    const next = /^<([^>]+)>; rel="next"$/.exec(link)![1]!;
    expect(next).toBe(`/api/plans/halton/audit?type=MilestoneUpdated&limit=3&after=${first.body[2].position}`);
    const second = await t.request('GET', next);
    expect(second.body.map((e: any) => e.data.rag)).toEqual(['amber']);
    expect(second.headers.get('link')).toBeNull();
    const all = await audit({ type: 'MilestoneUpdated' });
    expect([...first.body, ...second.body]).toEqual(all);
  });

  it('refuses a type it does not know, and a page larger than 10000, naming the parameter', async () => {
    const type = await read(t, '/api/plans/halton/audit', { type: 'MilestoneUpdated,RatingChanged' }, 400);
    expect(type.errors).toEqual([{ field: 'type', message: expect.stringMatching(/^type must be one or more of PlanCreated, /) }]);
    const limit = await read(t, '/api/plans/halton/audit', { limit: 10_001 }, 400);
    expect(limit.errors).toEqual([{ field: 'limit', message: 'limit must be a whole number from 1 to 10000' }]);
  });

  it('lists the ratings changed after they were first reported: the report changed, who changed it, when and why', async () => {
    const { corrections, next } = await read(t, '/api/plans/halton/corrections', { minPosition: head });
    expect(next).toBeNull();
    expect(
      corrections.map((c: any) => ({
        milestone: c.milestoneId,
        period: c.period,
        change: `${c.before.rag} → ${c.after.rag}`,
        by: c.after.actor.name,
        at: c.after.recordedAt,
        why: c.reason,
        first: c.firstReportedRag,
      })),
    ).toEqual([
      { milestone: 'P2.1', period: '2025-26 Q2', change: 'green → red', by: 'Jane Smith', at: '2025-11-14T16:30:00.000Z', why: 'Casefile audit of October', first: 'green' },
      { milestone: 'P2.1', period: '2025-26 Q2', change: 'red → amber', by: 'Bootstrap administrator', at: '2025-11-28T10:00:00.000Z', why: 'Moves reviewed', first: 'green' },
    ]);
    expect(corrections[1].before).toMatchObject({ commentary: 'Three more moves found', actor: { name: 'Jane Smith', role: 'board-member' } });
  });

  it('as known at a time, lists only the corrections recorded by then; and pages alike', async () => {
    const before = await read(t, '/api/plans/halton/corrections', { knownAt: '2025-11-20T00:00:00Z' });
    expect(before.corrections.map((c: any) => c.after.rag)).toEqual(['red']);
    expect((await read(t, '/api/plans/halton/corrections', { knownAt: '2025-11-01T00:00:00Z' })).corrections).toEqual([]);
    const page = await readRaw(t, '/api/plans/halton/corrections', { limit: 1 });
    expect(page.body.corrections.map((c: any) => c.after.rag)).toEqual(['red']);
    expect(page.headers.get('link')).toBe(`</api/plans/halton/corrections?limit=1&after=${page.body.next}>; rel="next"`);
    const rest = await read(t, '/api/plans/halton/corrections', { limit: 1, after: page.body.next });
    expect(rest.corrections.map((c: any) => c.after.rag)).toEqual(['amber']);
  });
});
