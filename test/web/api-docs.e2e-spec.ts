import { noAuth, startTestApp, TestApp } from '../support/test-app';

type Operation = {
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }>; headers?: Record<string, unknown> }>;
  parameters?: Array<{ name: string; in: string }>;
  security?: unknown[];
};

/** What a developer writing a client finds in the API documentation. */
describe('the API documentation', () => {
  let t: TestApp;
  let operations: Array<{ route: string; method: string; operation: Operation }>;

  beforeAll(async () => {
    t = await startTestApp();
    const docs = await t.request('GET', '/api/docs-json', undefined, noAuth);
    operations = Object.entries(docs.body.paths as Record<string, Record<string, Operation>>).flatMap(([route, byMethod]) =>
      Object.entries(byMethod).map(([method, operation]) => ({ route, method, operation })),
    );
  });
  afterAll(() => t.close());

  it('links the OpenAPI document from the docs page', async () => {
    const docs = await t.request('GET', '/api/docs-json', undefined, noAuth);
    expect(docs.body.info.description).toContain('[/api/docs-json](/api/docs-json)');
    const page = await t.request('GET', '/api/docs/swagger-ui-init.js', undefined, noAuth);
    expect(page.status).toBe(200);
    expect(page.body).toContain('(/api/docs-json)');
  });

  it('lists, for every write, every status it can answer, each error as problem+json', () => {
    const writes = operations.filter((o) => ['post', 'put', 'patch', 'delete'].includes(o.method));
    expect(writes.length).toBeGreaterThan(15);
    for (const { route, method, operation } of writes) {
      const expected = ['400', '401', '403', ...(route.includes('{') ? ['404'] : []), '409', '413', '415', '422', '429', '503'];
      expect({ route, method, missing: expected.filter((s) => !operation.responses[s]) }).toEqual({ route, method, missing: [] });
    }
  });

  it('lists, for every read, every status it can answer, each error as problem+json', () => {
    const reads = operations.filter((o) => o.method === 'get' && o.operation.security);
    expect(reads.length).toBeGreaterThan(12);
    for (const { route, operation } of reads) {
      const expected = ['400', '401', '403', ...(route.includes('{') ? ['404'] : []), '429', '503'];
      expect({ route, missing: expected.filter((s) => !operation.responses[s]) }).toEqual({ route, missing: [] });
    }
  });

  it('gives every error of every route the problem+json schema', () => {
    for (const { route, method, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses).filter(([s]) => Number(s) >= 400)) {
        expect({ route, method, status, schema: response.content?.['application/problem+json']?.schema?.$ref }).toEqual({
          route,
          method,
          status,
          schema: '#/components/schemas/ProblemDto',
        });
      }
    }
  });

  it('documents If-Match on the writes to one thing, and the ETag of the histories', () => {
    const rating = operations.find((o) => o.route === '/api/plans/{planId}/milestones/{milestoneId}/updates')!;
    expect(rating.operation.parameters).toContainEqual(expect.objectContaining({ name: 'If-Match', in: 'header' }));
    const batch = operations.find((o) => o.route === '/api/plans/{planId}/quarterly-updates')!;
    expect(batch.operation.parameters ?? []).not.toContainEqual(expect.objectContaining({ name: 'If-Match' }));
    const history = operations.find((o) => o.route === '/api/plans/{planId}/milestones/{milestoneId}/history')!;
    expect(Object.keys(history.operation.responses['200']!.headers ?? {})).toEqual(['ETag']);
  });
});
