import { bearer, noAuth, startTestApp, TestApp } from '../support/test-app';
import { recordSmallPlan } from '../support/plan-fixture';

describe('bearer tokens issued by the product', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await recordSmallPlan(t);
  });
  afterAll(() => t.close());

  const issue = (body: unknown, headers = {}) => t.request('POST', '/api/tokens', body, headers);
  const update = {
    period: '2025-26 Q2',
    rag: 'amber',
    commentary: 'Placement moves fell.',
    effectiveOn: '2025-09-30',
    reason: 'Board review',
  };

  it('issues a token once, as {tokenId, token}, and keeps only its hash', async () => {
    const res = await issue({ name: 'Jane Smith (board chair)', role: 'board-member', plans: ['halton'] });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['token', 'tokenId']);
    expect(res.body.token).toMatch(new RegExp(`^trk_${res.body.tokenId}_[A-Za-z0-9_-]{43}$`));
    expect(res.headers.get('cache-control')).toBe('no-store');

    const events = await t.store.readStream('access-tokens');
    const issued = events.at(-1)!;
    expect(issued.type).toBe('TokenIssued');
    expect(issued.data).toEqual({
      tokenId: res.body.tokenId,
      name: 'Jane Smith (board chair)',
      role: 'board-member',
      plans: ['halton'],
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const secret = res.body.token.split('_').slice(2).join('_');
    expect(JSON.stringify(events.map((e) => [e.data, e.metadata]))).not.toContain(secret);
    expect(issued.metadata.actor).toEqual({ id: 'bootstrap-admin', name: 'Bootstrap administrator', role: 'admin' });

    const listed = await t.request('GET', '/api/tokens');
    expect(listed.status).toBe(200);
    expect(listed.body).toContainEqual({
      tokenId: res.body.tokenId,
      name: 'Jane Smith (board chair)',
      role: 'board-member',
      plans: ['halton'],
      status: 'active',
    });
    expect(JSON.stringify(listed.body)).not.toContain((issued.data as { hash: string }).hash);
  });

  it('acts as the person the token names, and refuses it at once when revoked', async () => {
    const { body } = await issue({ name: 'Sam Patel', role: 'board-member', plans: ['halton'] });
    const as = bearer(body.token);
    expect((await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', update, as)).status).toBe(201);

    const revoked = await t.request('DELETE', `/api/tokens/${body.tokenId}`);
    expect(revoked.status).toBe(204);
    const refused = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', update, as);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.request('GET', '/api/tokens')).body).toContainEqual(
      expect.objectContaining({ tokenId: body.tokenId, status: 'revoked' }),
    );

    expect((await t.request('DELETE', `/api/tokens/${body.tokenId}`)).status).toBe(204);
    expect((await t.store.readStream('access-tokens')).filter((e) => e.type === 'TokenRevoked')).toHaveLength(1);
  });

  it('answers 404 for a token that was never issued', async () => {
    const res = await t.request('DELETE', '/api/tokens/0123456789abcdef');
    expect(res.status).toBe(404);
  });

  it('refuses a token with a forged secret', async () => {
    const { body } = await issue({ name: 'Alex', role: 'auditor', plans: ['halton'] });
    const forged = `trk_${body.tokenId}_${'A'.repeat(43)}`;
    expect((await t.request('GET', '/api/tokens', undefined, bearer(forged))).status).toBe(401);
  });

  it('refuses a token once it has expired', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const { status, body } = await issue({ name: 'Short-lived', role: 'board-member', plans: ['halton'], expiresAt });
    expect(status).toBe(201);
    expect(
      (
        await t.request(
          'POST',
          '/api/plans/halton/priorities',
          { priorityId: 'CYP E1', title: 'Before expiry' },
          bearer(body.token),
        )
      ).status,
    ).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(expiresAt) - Date.now()) + 50));
    expect(
      (
        await t.request(
          'POST',
          '/api/plans/halton/priorities',
          { priorityId: 'CYP E2', title: 'After expiry' },
          bearer(body.token),
        )
      ).status,
    ).toBe(401);
    expect((await t.request('GET', '/api/tokens')).body).toContainEqual(
      expect.objectContaining({ tokenId: body.tokenId, status: 'expired' }),
    );
  });

  it('validates what it is asked to issue', async () => {
    const bad = await issue({ name: 'X', role: 'superuser', plans: ['halton'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('role');
    expect((await issue({ name: 'X', role: 'auditor', plans: [] })).status).toBe(400);
    expect((await issue({ name: 'X', role: 'auditor', plans: ['*', 'halton'] })).status).toBe(422);
    expect((await issue({ name: 'X', role: 'admin', plans: ['halton'] })).status).toBe(422);
    expect((await issue({ name: 'X', role: 'auditor', plans: ['halton'], expiresAt: '2020-01-01T00:00:00Z' })).status).toBe(422);
  });

  it('lets only an admin issue, list and revoke tokens', async () => {
    const { body } = await issue({ name: 'Board member', role: 'board-member', plans: ['*'] });
    const member = bearer(body.token);
    expect((await issue({ name: 'Me again', role: 'admin', plans: ['*'] }, member)).status).toBe(403);
    expect((await t.request('GET', '/api/tokens', undefined, member)).status).toBe(403);
    expect((await t.request('DELETE', `/api/tokens/${body.tokenId}`, undefined, member)).status).toBe(403);
    expect((await issue({ name: 'Nobody', role: 'admin', plans: ['*'] }, noAuth)).status).toBe(401);
  });

  it('issues tokens with an admin token it issued, recording that admin as the actor', async () => {
    const { body: admin } = await issue({ name: 'Chris Admin', role: 'admin', plans: ['*'] });
    const res = await issue(
      { name: 'Dana (DfE adviser)', role: 'dfe-adviser', plans: ['halton', 'knowsley'] },
      bearer(admin.token),
    );
    expect(res.status).toBe(201);
    const last = (await t.store.readStream('access-tokens')).at(-1)!;
    expect(last.metadata.actor).toEqual({ id: admin.tokenId, name: 'Chris Admin', role: 'admin' });
  });
});
