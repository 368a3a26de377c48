import { recordSmallPlan } from '../support/plan-fixture';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { read } from '../projections/support/read';

const Q2 = { period: '2025-26 Q2', commentary: 'As reported to the board', effectiveOn: '2025-09-30' };

/** Advisers oversee councils, not the people in them: they see who changed what by role and organisation only. */
describe('who sees whose name', () => {
  let t: TestApp;
  let jane: { tokenId: string; token: string };
  let adviser: string;
  let auditor: string;
  let head: number;
  const as = (token: string, path: string) => t.request('GET', `${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`, undefined, bearer(token));

  beforeAll(async () => {
    t = await startTestApp();
    await recordSmallPlan(t);
    const issue = async (body: object) => (await t.request('POST', '/api/tokens', body)).body;
    jane = await issue({ name: 'Jane Smith (board chair)', organisation: 'Halton Borough Council', role: 'board-member', plans: ['halton'] });
    adviser = (await issue({ name: 'Ada Adviser', organisation: 'Department for Education', role: 'dfe-adviser', plans: ['halton'] })).token;
    auditor = (await issue({ name: 'Alex Jones (internal audit)', role: 'auditor', plans: ['halton'] })).token;
    await t.request('POST', '/api/plans/halton/recommendations/R07/links', { milestoneId: 'P2.1' });
    await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', { ...Q2, rag: 'green' }, bearer(jane.token));
    const corrected = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', { ...Q2, rag: 'red', reason: 'Audit' }, bearer(jane.token));
    head = corrected.body.position;
  });
  afterAll(() => t.close());

  it('shows an adviser the role and organisation of whoever rated a milestone, never their name or token id', async () => {
    for (const path of ['/api/plans/halton/milestones/P2.1/history', '/api/plans/halton/recommendations/R07/history', '/api/plans/halton/corrections']) {
      const res = await as(adviser, path);
      expect([path, res.status]).toEqual([path, 200]);
      const text = JSON.stringify(res.body);
      expect([path, text.includes('Jane Smith'), text.includes(jane.tokenId), text.includes('Bootstrap administrator')]).toEqual([path, false, false, false]);
      expect([path, text]).toEqual([path, expect.stringContaining('{"id":null,"name":null,"role":"board-member","organisation":"Halton Borough Council"}')]);
    }
    const history = (await as(adviser, '/api/plans/halton/milestones/P2.1/history')).body;
    expect(history.updates.map((u: any) => u.actor)).toEqual([
      { id: null, name: null, role: 'board-member', organisation: 'Halton Borough Council' },
      { id: null, name: null, role: 'board-member', organisation: 'Halton Borough Council' },
    ]);
    expect((await as(adviser, '/api/plans/halton/audit')).status).toBe(403);
  });

  it('shows an auditor the person, their token and their organisation', async () => {
    const history = (await as(auditor, '/api/plans/halton/milestones/P2.1/history')).body;
    expect(history.updates[1].actor).toEqual({
      id: jane.tokenId,
      name: 'Jane Smith (board chair)',
      role: 'board-member',
      organisation: 'Halton Borough Council',
    });
    const trail = await read(t, '/api/plans/halton/audit', { minPosition: head, actor: 'Jane Smith (board chair)' });
    expect(trail.map((e: any) => e.actor.organisation)).toEqual(['Halton Borough Council', 'Halton Borough Council']);
  });
});
