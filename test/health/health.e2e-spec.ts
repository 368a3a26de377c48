import { noAuth, startTestApp, TestApp } from '../support/test-app';

describe('GET /health, /health/live and /health/ready', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('answers 200 while the store answers, without a token', async () => {
    for (const path of ['/health', '/health/ready']) {
      const res = await t.request('GET', path, undefined, noAuth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', store: 'ok', position: '-1', projections: { status: 'caught-up', lag: 0 } });
    }
    const live = await t.request('GET', '/health/live', undefined, noAuth);
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
  });

  it('is not ready once the store is gone, but still alive, so an orchestrator stops traffic rather than restarting it', async () => {
    await t.store.close();
    for (const path of ['/health', '/health/ready']) {
      const res = await t.request('GET', path, undefined, noAuth);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 503, title: 'Service unavailable' });
      expect(res.body.detail).toMatch(/event store does not answer/);
    }
    expect((await t.request('GET', '/health/live', undefined, noAuth)).status).toBe(200);
  });
});
