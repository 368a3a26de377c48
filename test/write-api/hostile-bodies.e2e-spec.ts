import { registeredRoutes } from '../support/routes';
import { recordSmallPlan } from '../support/plan-fixture';
import { noAuth, startTestApp, TestApp } from '../support/test-app';

/** Path parameters of the small plan, so that each route reaches its handler. */
const PARAMS: Record<string, string> = {
  planId: 'halton',
  milestoneId: 'P2.1',
  recommendationId: 'R07',
  visitId: 'ilacs-2024-05',
  indicatorId: 'CIC',
  tokenId: 'none',
};
const concrete = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => PARAMS[name] ?? name);

const nested = (levels: number, open = '[', close = ']') => `${open.repeat(levels)}${close.repeat(levels)}`;
const goodUpdate = { period: '2025-26 Q2', rag: 'green', commentary: 'On course.', effectiveOn: '2025-09-30' };

describe('bodies built to hurt the server', () => {
  let t: TestApp;
  let writes: string[];
  beforeAll(async () => {
    t = await startTestApp();
    await recordSmallPlan(t);
    expect((await t.request('POST', '/api/plans/halton/indicators', { indicatorId: 'CIC', title: 'Children in care', unit: 'count' })).status).toBe(201);
    // The API's writes; the web pages' forms answer a person's browser with pages, and are tried in test/pages.
    writes = registeredRoutes(t.app)
      .filter((r) => r.method === 'POST' && !r.page)
      .map((r) => concrete(r.path));
  });
  afterAll(() => t.close());

  const refused = async (path: string, raw: string, field: string, token = true) => {
    const before = await t.store.headPosition();
    const res = await t.request('POST', path, raw, { 'content-type': 'application/json', ...(token ? {} : noAuth) });
    expect({ path, status: res.status }).toEqual({ path, status: 400 });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await t.store.headPosition()).toBe(before);
    return res;
  };

  it('refuses JSON nested 1 500 levels deep on every write route with a 400, not a 500', async () => {
    expect(writes.length).toBeGreaterThan(10);
    for (const path of writes) {
      const res = await refused(path, `{"title": ${nested(1500)}}`, 'body');
      expect(res.body.detail).toMatch(/nested more than \d+ levels deep/);
    }
  });

  it('refuses deep nesting inside a field as well as at the top, of objects as of arrays', async () => {
    const deepObject = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
    await refused('/api/plans/halton/milestones/P2.1/updates', JSON.stringify({ ...goodUpdate, commentary: 'x' }).replace('"x"', deepObject), 'body');
    await refused('/api/plans/halton/quarterly-updates', `{"period": "2025-26 Q2", "updates": ${nested(200)}}`, 'body');
  });

  it('still reads nesting as deep as a real request has, and brackets inside text', async () => {
    const commentary = `Brackets in words: ${nested(100)} and {"{[`;
    const res = await t.request('POST', '/api/plans/halton/quarterly-updates', {
      period: '2025-26 Q2',
      updates: [{ milestoneId: 'P2.1', rag: 'amber', commentary, effectiveOn: '2025-09-30' }],
    });
    expect(res.status).toBe(201);
  });

  it('costs a client with no token nothing: a megabyte of nesting is refused before it is read', async () => {
    const started = Date.now();
    const res = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', nested(500_000), {
      'content-type': 'application/json',
      ...noAuth,
    });
    expect(res.status).toBe(401);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.each(['constructor', 'prototype'])('refuses a %s key as it refuses any field the request does not have', async (key) => {
    for (const path of ['/api/plans', '/api/plans/halton/milestones/P2.1/updates']) {
      const res = await refused(path, `{${JSON.stringify(key)}: {"x": 1}, "title": "t"}`, key);
      expect(res.body.errors).toContainEqual({ field: key, message: `property ${key} should not exist` });
    }
    const row = JSON.stringify({ milestoneId: 'P2.1', rag: 'amber', commentary: 'c', effectiveOn: '2025-09-30' });
    await refused(
      '/api/plans/halton/quarterly-updates',
      `{"period": "2025-26 Q2", "updates": [${row.replace('{', `{${JSON.stringify(key)}: "x", `)}]}`,
      `updates[0].${key}`,
    );
  });
});
