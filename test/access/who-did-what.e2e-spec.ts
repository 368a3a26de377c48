import { recordSmallPlan } from '../support/plan-fixture';
import { bearer, startTestApp, TestApp } from '../support/test-app';

describe('the audit trail names the person and role behind every change', () => {
  let t: TestApp;
  const tokens: Record<string, { tokenId: string; token: string }> = {};

  beforeAll(async () => {
    t = await startTestApp();
    await recordSmallPlan(t);
    for (const [key, body] of Object.entries({
      jane: { name: 'Jane Smith (board chair)', role: 'board-member', plans: ['halton'] },
      alex: { name: 'Alex Jones (internal audit)', role: 'auditor', plans: ['halton'] },
    })) {
      tokens[key] = (await t.request('POST', '/api/tokens', body)).body;
    }
  });
  afterAll(() => t.close());

  it('shows who made each change, and never takes the actor from the request body', async () => {
    const update = { period: '2025-26 Q2', rag: 'red', commentary: 'Placement moves rose.', effectiveOn: '2025-09-30' };
    const written = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', update, bearer(tokens.jane!.token));
    expect(written.status).toBe(201);
    const spoofed = await t.request(
      'POST',
      '/api/plans/halton/milestones/P2.1/updates',
      { ...update, reason: 'x', actor: { id: 'someone-else', name: 'Someone else', role: 'admin' } },
      bearer(tokens.jane!.token),
    );
    expect(spoofed.status).toBe(400);

    const trail = await t.request(
      'GET',
      `/api/plans/halton/audit?minPosition=${written.body.position}`,
      undefined,
      bearer(tokens.alex!.token),
    );
    expect(trail.status).toBe(200);
    expect(trail.body.length).toBe(6);
    for (const entry of trail.body) {
      expect(entry.actor).toEqual({
        id: expect.any(String),
        name: expect.any(String),
        role: expect.stringMatching(/^(admin|board-member)$/),
        organisation: null,
      });
    }
    expect(trail.body.at(-1)).toMatchObject({
      type: 'MilestoneUpdated',
      actor: { id: tokens.jane!.tokenId, name: 'Jane Smith (board chair)', role: 'board-member' },
    });
    expect(trail.body[0]).toMatchObject({
      type: 'PlanCreated',
      actor: { id: 'bootstrap-admin', name: 'Bootstrap administrator', role: 'admin' },
    });
    expect(JSON.stringify(trail.body)).not.toMatch(/TokenIssued|"hash"/);
  });

  it('shows the milestone history with the person who rated it', async () => {
    const history = await t.request('GET', '/api/plans/halton/milestones/P2.1/history', undefined, bearer(tokens.alex!.token));
    expect(history.status).toBe(200);
    expect(history.body.updates.at(-1).actor).toMatchObject({
      id: tokens.jane!.tokenId,
      name: 'Jane Smith (board chair)',
      role: 'board-member',
    });
  });
});

describe('the portfolio lists only the plans the caller may see', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    for (const planId of ['halton', 'knowsley', 'wirral']) await recordSmallPlan(t, planId);
    const update = { period: '2025-26 Q2', rag: 'red', commentary: 'Off track.', effectiveOn: '2025-09-30' };
    for (const planId of ['halton', 'knowsley', 'wirral'])
      await t.request('POST', `/api/plans/${planId}/milestones/P2.1/updates`, update);
  });
  afterAll(() => t.close());

  const as = async (role: string, plans: string[]) =>
    bearer((await t.request('POST', '/api/tokens', { name: `A ${role}`, role, plans })).body.token);
  const planIds = (rows: Array<{ planId: string }>) => [...new Set(rows.map((r) => r.planId))].sort();
  const head = async () => (await t.store.headPosition()).toString();

  it('gives a DfE adviser the councils it oversees, and nobody else’s', async () => {
    const adviser = await as('dfe-adviser', ['halton', 'knowsley']);
    const min = `minPosition=${await head()}`;
    const portfolio = await t.request('GET', `/api/plans?${min}`, undefined, adviser);
    expect(portfolio.status).toBe(200);
    expect(planIds(portfolio.body)).toEqual(['halton', 'knowsley']);
    expect(planIds((await t.request('GET', `/api/portfolio/milestones?${min}`, undefined, adviser)).body)).toEqual([
      'halton',
      'knowsley',
    ]);
    expect(
      planIds((await t.request('GET', `/api/portfolio/recommendations/open-longest?${min}`, undefined, adviser)).body),
    ).toEqual(['halton', 'knowsley']);
  });

  it('gives an auditor of one plan that plan, and "*" or an admin every plan', async () => {
    const min = `minPosition=${await head()}`;
    expect(planIds((await t.request('GET', `/api/plans?${min}`, undefined, await as('auditor', ['wirral']))).body)).toEqual([
      'wirral',
    ]);
    expect(planIds((await t.request('GET', `/api/plans?${min}`, undefined, await as('board-member', ['*']))).body)).toEqual([
      'halton',
      'knowsley',
      'wirral',
    ]);
    expect(planIds((await t.request('GET', `/api/plans?${min}`)).body)).toEqual(['halton', 'knowsley', 'wirral']);
  });
});
