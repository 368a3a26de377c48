import { startTestApp, TestApp } from '../support/test-app';
import { recordSmallPlan } from '../support/plan-fixture';

const ROUTES = [
  '/api/plans',
  '/api/plans/halton/priorities',
  '/api/plans/halton/milestones',
  '/api/plans/halton/milestones/P2.1/updates',
  '/api/plans/halton/milestones/P2.1/due-date',
  '/api/plans/halton/quarterly-updates',
  '/api/plans/halton/recommendations',
  '/api/plans/halton/recommendations/R07/links',
  '/api/plans/halton/recommendations/R07/closure',
  '/api/plans/halton/recommendations/R07/reopening',
  '/api/plans/halton/visits',
  '/api/plans/halton/visits/ilacs-2024-05/findings',
  '/api/plans/halton/visits/ilacs-2024-05/judgements',
  '/api/plans/halton/indicators',
  '/api/plans/halton/indicators/x/values',
  '/api/plans/%E0%A4%A/priorities',
];

const FIELDS = ['planId', 'priorityId', 'milestoneId', 'title', 'rag', 'period', 'effectiveOn', 'evidence', 'value', 'kind', 'startDate', 'endDate', 'recommendationIds', 'expectedRevision', 'updates'];
const VALUES: unknown[] = [null, true, 0, -1, 1e308, '', ' ', 'x'.repeat(70_000), '2025-13-01', '\u0000', '🧒', [], [null], [{}], {}, { $gt: '' }, '__proto__'];

/** A bounded, seeded generator of hostile bodies: the same cases on every run. */
function* hostileBodies(count: number): Generator<string> {
  let seed = 20251122;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  yield '';
  yield 'null';
  yield '[]';
  yield '{"__proto__": {"admin": true}}';
  yield '{"constructor": {"prototype": {}}}';
  for (let i = 0; i < count; i++) {
    const body: Record<string, unknown> = {};
    for (let f = 0; f < 1 + (next() % 5); f++) body[FIELDS[next() % FIELDS.length]!] = VALUES[next() % VALUES.length];
    yield JSON.stringify(body);
  }
}

describe('write API: no request a client can send produces a 5xx', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await recordSmallPlan(t);
  });
  afterAll(() => t.close());

  it('answers every hostile body on every route with a problem+json below 500', async () => {
    const seen = new Set<number>();
    for (const route of ROUTES) {
      for (const body of hostileBodies(25)) {
        const res = await t.request('POST', route, body, { 'content-type': 'application/json' });
        seen.add(res.status);
        if (res.status >= 500) throw new Error(`${route} ${body.slice(0, 200)} → ${res.status} ${JSON.stringify(res.body)}`);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
    }
    expect([...seen].every((s) => s >= 400 && s < 500)).toBe(true);
  });
});
