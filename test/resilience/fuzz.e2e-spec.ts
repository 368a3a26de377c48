import fc from 'fast-check';
import { junkJson, junkText, OpenApiDocument, Operation, operationsOf, valueFor } from '../support/openapi-arbitraries';
import { recordSmallPlan } from '../support/plan-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Property-based tests over every route of the OpenAPI document: malformed bodies, ids and query
 * strings never get a 5xx, and a request refused appends nothing. The seed is fixed so that a failure
 * happens again on every run; FUZZ_SEED and FUZZ_RUNS explore further.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);

/** Ids the small plan has, so that a request may reach its handler, and the rules behind it. */
const KNOWN: Record<string, string[]> = {
  planId: ['halton'],
  milestoneId: ['P2.1'],
  recommendationId: ['R07'],
  visitId: ['ilacs-2024-05'],
  indicatorId: ['CIC'],
  tokenId: ['0123456789abcdef'],
};

/** A position the read models have reached, or junk: a read told to wait for a later one waits its 5 s. */
const minPosition = fc.oneof(
  fc.integer({ min: -2, max: 3 }).map(String),
  junkText.filter((s) => !/^\s*\d+\s*$/.test(s)),
);

/** As a client's URL library would send it: a lone half of a surrogate pair becomes U+FFFD. */
const encode = (text: string) =>
  encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

interface Request {
  url: string;
  body?: string;
  contentType?: string;
}

function requestsFor(doc: OpenApiDocument, op: Operation): fc.Arbitrary<Request> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const segment = (name: string) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...(KNOWN[name] ?? ['x'])) },
      { weight: 3, arbitrary: junkText.map(encode) },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }).filter((s) => s.length > 0 && !/[/?#\s]/.test(s)) },
    );
  const path = fc
    .tuple(...pathParams.map((p) => segment(p.name)))
    .map((values) =>
      pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, values[i] === '' ? '%20' : values[i]!), op.path),
    );
  const query = fc
    .array(
      fc.oneof(
        fc.tuple(fc.constantFrom(...(queryParams.length ? queryParams : ['q'])), junkText),
        fc.tuple(fc.constant('minPosition'), minPosition),
        fc.tuple(junkText, junkText),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => pairs.filter(([key, value]) => key !== 'minPosition' || !/^\s*\d+\s*$/.test(value) || Number(value) <= 3))
    .map((pairs) => (pairs.length ? `?${new URLSearchParams(pairs).toString()}` : ''));
  const rawQuery = fc.constantFrom(
    '',
    '?',
    '?&&=&',
    '?asOf',
    '?asOf=%zz',
    '?limit[]=1',
    '?knownAt=2025-09-30T25:00:00Z&asOf=2025-02-30',
  );
  const url = fc.tuple(path, fc.oneof(query, rawQuery)).map(([p, q]) => p + q);
  if (!op.body) return url.map((u) => ({ url: u }));
  const body = fc.oneof(
    { weight: 5, arbitrary: valueFor(doc, op.body).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: junkJson.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: junkText },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000 }).map((n) => `{"a":${'['.repeat(n)}${']'.repeat(n)}}`) },
  );
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', '') },
  );
  return fc.record({ url, body, contentType });
}

describe('every route of the API, sent malformed requests', () => {
  let t: TestApp;
  let operations: Operation[];
  let doc: OpenApiDocument;
  beforeAll(async () => {
    process.stderr.write(
      `Fuzzing every route with seed ${SEED}, ${RUNS} runs each (set FUZZ_SEED and FUZZ_RUNS to explore further)\n`,
    );
    t = await startTestApp();
    await recordSmallPlan(t);
    expect(
      (
        await t.request('POST', '/api/plans/halton/indicators', {
          indicatorId: 'CIC',
          title: 'Children in care',
          unit: 'children',
        })
      ).status,
    ).toBe(201);
    doc = (await t.request('GET', '/api/docs-json')).body;
    operations = operationsOf(doc);
  });
  afterAll(() => t.close());

  it('lists every route it fuzzes, reads and writes alike', () => {
    expect(operations.filter((o) => o.method === 'POST').length).toBeGreaterThan(14);
    expect(operations.filter((o) => o.method === 'GET').length).toBeGreaterThan(12);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toContain('DELETE /api/tokens/{tokenId}');
  });

  it('never answers 5xx, and appends nothing for a request it refuses', async () => {
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(requestsFor(doc, op), async ({ url, body, contentType }) => {
          const before = await t.store.headPosition();
          const headers: Record<string, string> = {};
          if (contentType) headers['content-type'] = contentType;
          const res = await t.request(op.method, url, body, contentType === undefined && body === undefined ? {} : headers);
          const where = `${op.method} ${url}${body === undefined ? '' : ` ${body.slice(0, 300)}`}`;
          expect({ where, status: res.status < 500 }).toEqual({ where, status: true });
          if (res.status >= 400) {
            expect({ where, contentType: res.headers.get('content-type') }).toEqual({
              where,
              contentType: expect.stringContaining('application/problem+json'),
            });
            expect({ where, head: await t.store.headPosition() }).toEqual({ where, head: before });
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    }
    expect((await t.request('GET', '/health')).status).toBe(200);
  }, 300_000);
});
