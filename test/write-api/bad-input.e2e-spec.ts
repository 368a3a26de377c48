import { startTestApp, TestApp } from '../support/test-app';
import { recordSmallPlan } from '../support/plan-fixture';

const UPDATE = '/api/plans/halton/milestones/P2.1/updates';
const goodUpdate = { period: '2025-26 Q2', rag: 'green', commentary: 'On course.', effectiveOn: '2025-09-30' };

/** [what, path, body, status, the field the answer must name] */
const cases: Array<[string, string, unknown, number, string]> = [
  ['a missing rating', UPDATE, { ...goodUpdate, rag: undefined }, 400, 'rag'],
  ['a rating outside the enum', UPDATE, { ...goodUpdate, rag: 'purple' }, 400, 'rag'],
  ['a malformed period', UPDATE, { ...goodUpdate, period: 'Q2 2025' }, 400, 'period'],
  ['an impossible date', UPDATE, { ...goodUpdate, effectiveOn: '2025-02-30' }, 400, 'effectiveOn'],
  ['a date in another format', UPDATE, { ...goodUpdate, effectiveOn: '30/09/2025' }, 400, 'effectiveOn'],
  ['an over-long commentary', UPDATE, { ...goodUpdate, commentary: 'x'.repeat(20_001) }, 400, 'commentary'],
  ['a number where text belongs', UPDATE, { ...goodUpdate, commentary: 42 }, 400, 'commentary'],
  ['an object where text belongs', UPDATE, { ...goodUpdate, commentary: { text: 'x' } }, 400, 'commentary'],
  ['an array for the body', UPDATE, [goodUpdate], 400, 'body'],
  ['a string for the body', UPDATE, '"green"', 400, 'body'],
  ['malformed JSON', UPDATE, '{"period": ', 400, 'body'],
  ['an extra field', UPDATE, { ...goodUpdate, actor: 'someone-else' }, 400, 'actor'],
  ['a negative expectedRevision', UPDATE, { ...goodUpdate, expectedRevision: -1 }, 400, 'expectedRevision'],
  ['a fractional expectedRevision', UPDATE, { ...goodUpdate, expectedRevision: 1.5 }, 400, 'expectedRevision'],
  ['effectiveOn outside the period', UPDATE, { ...goodUpdate, effectiveOn: '2025-10-15' }, 422, 'effectiveOn'],
  ['a blank commentary', UPDATE, { ...goodUpdate, commentary: '   ' }, 422, 'commentary'],
  ['an unknown milestone', '/api/plans/halton/milestones/P9.9/updates', goodUpdate, 404, 'milestoneId'],
  ['a malformed milestone id in the path', `/api/plans/halton/milestones/${'x'.repeat(65)}/updates`, goodUpdate, 400, 'milestoneId'],
  ['an unknown plan', '/api/plans/nowhere/priorities', { priorityId: 'CYP P1', title: 'x' }, 404, 'planId'],
  ['a milestone under a priority the plan lacks', '/api/plans/halton/milestones', { milestoneId: 'P3.1', priorityId: 'CYP P3', title: 'x' }, 422, 'priorityId'],
  ['a duplicate milestone', '/api/plans/halton/milestones', { milestoneId: 'P2.1', priorityId: 'CYP P2', title: 'again' }, 409, 'milestoneId'],
  ['an id with a slash', '/api/plans/halton/milestones', { milestoneId: 'P2/1', priorityId: 'CYP P2', title: 'x' }, 400, 'milestoneId'],
  ['a closure without evidence', '/api/plans/halton/recommendations/R07/closure', { reason: 'done', evidence: [], effectiveOn: '2025-10-01' }, 400, 'evidence'],
  ['a closure with blank evidence', '/api/plans/halton/recommendations/R07/closure', { reason: 'done', evidence: [' '], effectiveOn: '2025-10-01' }, 422, 'evidence'],
  ['evidence that is not a list', '/api/plans/halton/recommendations/R07/closure', { reason: 'done', evidence: 'audit', effectiveOn: '2025-10-01' }, 400, 'evidence'],
  ['reopening an open recommendation', '/api/plans/halton/recommendations/R07/reopening', { reason: 'again', effectiveOn: '2025-10-01' }, 422, 'recommendationId'],
  ['linking a milestone that does not exist', '/api/plans/halton/recommendations/R07/links', { milestoneId: 'P9.9' }, 422, 'milestoneId'],
  ['a visit that ends before it starts', '/api/plans/halton/visits', { visitId: 'mv-x', kind: 'monitoring', startDate: '2025-04-02', endDate: '2025-04-01' }, 422, 'endDate'],
  ['an unknown visit kind', '/api/plans/halton/visits', { visitId: 'mv-x', kind: 'inspection', startDate: '2025-04-01', endDate: '2025-04-02' }, 400, 'kind'],
  ['inspectors as an object', '/api/plans/halton/visits', { visitId: 'mv-x', kind: 'monitoring', startDate: '2025-04-01', endDate: '2025-04-02', inspectors: { lead: 'x' } }, 400, 'inspectors'],
  ['a finding naming an unknown recommendation', '/api/plans/halton/visits/ilacs-2024-05/findings', { text: 'x', assessment: 'progress', recommendationIds: ['R99'] }, 422, 'recommendationIds'],
  ['a finding with an unknown assessment', '/api/plans/halton/visits/ilacs-2024-05/findings', { text: 'x', assessment: 'good' }, 400, 'assessment'],
  ['a judgement area outside its framework', '/api/plans/halton/visits/ilacs-2024-05/judgements', { area: 'children-in-care-and-care-leavers', grade: 'inadequate', framework: 'ilacs-2023' }, 422, 'area'],
  ['a judgement grade outside the enum', '/api/plans/halton/visits/ilacs-2024-05/judgements', { area: 'care-leavers', grade: 'poor', framework: 'ilacs-2023' }, 400, 'grade'],
  ['an indicator value that is not a number', '/api/plans/halton/indicators/none/values', { period: '2025-26 Q2', value: '384', effectiveOn: '2025-09-30' }, 400, 'value'],
  ['a value for an unknown indicator', '/api/plans/halton/indicators/none/values', { period: '2025-26 Q2', value: 384, effectiveOn: '2025-09-30' }, 404, 'indicatorId'],
  ['an over-long Idempotency-Key', UPDATE, goodUpdate, 400, 'Idempotency-Key'],
];

describe('write API: bad input is refused with problem+json naming the field, and appends nothing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await recordSmallPlan(t);
  });
  afterAll(() => t.close());

  it.each(cases)('%s → %#', async (_what, path, body, status, field) => {
    const before = await t.store.headPosition();
    const headers: Record<string, string> = field === 'Idempotency-Key' ? { 'Idempotency-Key': 'k'.repeat(201) } : {};
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await t.request('POST', path, raw, { 'content-type': 'application/json', ...headers });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await t.store.headPosition()).toBe(before);
  });
});
