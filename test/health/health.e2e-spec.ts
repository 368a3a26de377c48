import { startTestApp, TestApp } from '../support/test-app';

describe('GET /health', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('answers 200 while the store answers', async () => {
    const res = await t.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', store: 'ok' });
  });

  it('answers 503 problem+json once the store is gone', async () => {
    await t.store.close();
    const res = await t.request('GET', '/health');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 503, title: 'Service unavailable' });
    expect(res.body.detail).toMatch(/event store does not answer/);
  });
});
