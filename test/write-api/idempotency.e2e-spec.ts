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
});
