import { startTestApp, TestApp } from '../support/test-app';
import { recordSmallPlan } from '../support/plan-fixture';

describe('write API: Idempotency-Key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await recordSmallPlan(t);
  });
  afterAll(() => t.close());

  const update = { period: '2025-26 Q2', rag: 'green', commentary: 'On course.', effectiveOn: '2025-09-30' };

  it('answers a retried request as the first time and appends nothing new', async () => {
    const headers = { 'Idempotency-Key': 'board-pack-2025-q2-P2.1' };
    const first = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', update, headers);
    const head = await t.store.headPosition();
    const again = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', update, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await t.store.headPosition()).toBe(head);
  });

  it('answers concurrent retries of one request once, with one event', async () => {
    const headers = { 'Idempotency-Key': 'finding-retry' };
    const body = { text: 'Matching has improved.', assessment: 'progress', recommendationIds: ['R07'] };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => t.request('POST', '/api/plans/halton/visits/ilacs-2024-05/findings', body, headers)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(201));
    expect(new Set(answers.map((a) => a.body.findingId)).size).toBe(1);
    const findings = (await t.store.readStream('visit-halton/ilacs-2024-05')).filter((e) => e.type === 'VisitFindingRecorded');
    expect(findings).toHaveLength(1);
  });

  it('refuses a key reused for a different request, appending nothing', async () => {
    const headers = { 'Idempotency-Key': 'priority-once' };
    expect((await t.request('POST', '/api/plans/halton/priorities', { priorityId: 'CYP P3', title: 'Permanence' }, headers)).status).toBe(201);
    const head = await t.store.headPosition();
    const reused = await t.request('POST', '/api/plans/halton/priorities', { priorityId: 'CYP P4', title: 'Other' }, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.errors[0].field).toBe('Idempotency-Key');
    expect(await t.store.headPosition()).toBe(head);
  });

  it('takes the same body with its fields in another order for the same request', async () => {
    const headers = { 'Idempotency-Key': 'reordered-P2.1', 'content-type': 'application/json' };
    const first = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', JSON.stringify({ ...update, rag: 'amber', reason: 'Audit' }), headers);
    const head = await t.store.headPosition();
    const reordered = JSON.stringify({ reason: 'Audit', effectiveOn: update.effectiveOn, commentary: update.commentary, rag: 'amber', period: update.period });
    const again = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', reordered, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await t.store.headPosition()).toBe(head);
  });

  it('answers a retried quarterly update as the first time, fields in any order, and records it once', async () => {
    const headers = { 'Idempotency-Key': 'quarterly-2025-26-Q3', 'content-type': 'application/json' };
    const row = { milestoneId: 'P2.1', rag: 'amber', commentary: 'Slipping', effectiveOn: '2025-12-31', reason: 'New figures' };
    const first = await t.request('POST', '/api/plans/halton/quarterly-updates', JSON.stringify({ period: '2025-26 Q3', updates: [row] }), headers);
    expect(first.status).toBe(201);
    const head = await t.store.headPosition();
    const reordered = JSON.stringify({ updates: [{ reason: row.reason, effectiveOn: row.effectiveOn, commentary: row.commentary, rag: row.rag, milestoneId: row.milestoneId }], period: '2025-26 Q3' });
    const again = await t.request('POST', '/api/plans/halton/quarterly-updates', reordered, headers);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await t.store.headPosition()).toBe(head);
    const other = await t.request('POST', '/api/plans/halton/quarterly-updates', JSON.stringify({ period: '2025-26 Q3', updates: [{ ...row, rag: 'red' }] }), headers);
    expect(other.status).toBe(422);
    expect(other.body.errors[0].field).toBe('Idempotency-Key');
  });

  it('issues one token for 20 retries of a token request with one key: the same token id, the secret shown once', async () => {
    const headers = { 'Idempotency-Key': 'token-for-jane' };
    const body = { name: 'Jane Smith (board chair)', role: 'board-member', plans: ['halton'] };
    const first = await t.request('POST', '/api/tokens', body, headers);
    expect(first.status).toBe(201);
    expect(first.body.token).toMatch(/^trk_/);
    const retries = await Promise.all(Array.from({ length: 20 }, () => t.request('POST', '/api/tokens', body, headers)));
    expect(retries.map((r) => [r.status, r.body.tokenId, r.body.token])).toEqual(Array(20).fill([201, first.body.tokenId, null]));
    expect(retries[0]!.body.note).toContain(`revoke the token (DELETE /api/tokens/${first.body.tokenId})`);
    const tokens = (await t.request('GET', '/api/tokens')).body as Array<{ name: string }>;
    expect(tokens.filter((token) => token.name === body.name)).toHaveLength(1);
    expect((await t.request('GET', '/api/plans/halton/board', undefined, { authorization: `Bearer ${first.body.token}` })).status).toBe(200);

    const reused = await t.request('POST', '/api/tokens', { ...body, name: 'Someone else' }, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.errors[0].field).toBe('Idempotency-Key');
  });
});
