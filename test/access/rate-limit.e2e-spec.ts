import { bearer, noAuth, startTestApp, TestApp } from '../support/test-app';

describe('failed authentication is rate-limited per client address', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ AUTH_FAILURE_LIMIT: '5' })));
  afterAll(() => t.close());

  it('does not count requests that present no token at all', async () => {
    for (let i = 0; i < 8; i++) expect((await t.request('GET', '/api/tokens', undefined, noAuth)).status).toBe(401);
    expect((await t.request('GET', '/api/tokens')).status).toBe(200);
  });

  it('answers 429 with Retry-After once the address has failed the limit within a minute, even to a good token', async () => {
    const guesses = Array.from({ length: 5 }, (_, i) => `trk_${'0'.repeat(15)}${i}_${'x'.repeat(43)}`);
    for (const guess of guesses) expect((await t.request('GET', '/api/tokens', undefined, bearer(guess))).status).toBe(401);

    const blocked = await t.request('GET', '/api/tokens', undefined, bearer('yet-another-guess'));
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    expect((await t.request('GET', '/api/tokens')).status).toBe(429);
    expect((await t.request('GET', '/health')).status).toBe(200);
  });
});
