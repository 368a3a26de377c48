import { bearer, noAuth, startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

const guesses = (n: number, salt: string) =>
  Array.from({ length: n }, (_, i) => `trk_${salt.padEnd(15, '0')}${i}_${'x'.repeat(43)}`);
const from = (address: string, token?: string) => ({ ...(token ? bearer(token) : noAuth), 'x-forwarded-for': address });

describe('failed authentication is rate-limited per client address', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ AUTH_FAILURE_LIMIT: '5' })));
  afterAll(() => t.close());

  it('does not count requests that present no token at all', async () => {
    for (let i = 0; i < 8; i++) expect((await t.request('GET', '/api/tokens', undefined, noAuth)).status).toBe(401);
    expect((await t.request('GET', '/api/tokens')).status).toBe(200);
  });

  it('answers 429 with Retry-After to bad tokens once the address has failed the limit within a minute', async () => {
    for (const guess of guesses(5, 'a'))
      expect((await t.request('GET', '/api/tokens', undefined, bearer(guess))).status).toBe(401);

    const blocked = await t.request('GET', '/api/tokens', undefined, bearer('yet-another-guess'));
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const write = await t.request(
      'POST',
      '/api/plans',
      { planId: 'p', localAuthority: 'L', title: 'T' },
      bearer('a-guess-with-a-body'),
    );
    expect(write.status).toBe(429);
    expect((await t.request('GET', '/health')).status).toBe(200);
  });

  it('never refuses a valid token, however many bad ones came from the same address', async () => {
    for (const guess of guesses(5, 'b')) await t.request('GET', '/api/tokens', undefined, bearer(guess));
    expect((await t.request('GET', '/api/tokens', undefined, bearer('one-more-guess'))).status).toBe(429);

    expect((await t.request('GET', '/api/tokens')).status).toBe(200);
    const write = await t.request('POST', '/api/plans', { planId: 'still-works', localAuthority: 'L', title: 'T' });
    expect(write.status).toBe(201);
  });

  it('does not believe X-Forwarded-For from a client when no proxy is trusted', async () => {
    for (const guess of guesses(5, 'c'))
      await t.request('GET', '/api/tokens', undefined, from(`203.0.113.${guess.length % 7}`, guess));
    expect((await t.request('GET', '/api/tokens', undefined, from('198.51.100.77', 'a-fresh-address-claimed'))).status).toBe(429);
  });
});

describe('behind a trusted reverse proxy (TRUST_PROXY)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ AUTH_FAILURE_LIMIT: '5', TRUST_PROXY: '127.0.0.1' })));
  afterAll(() => t.close());

  it('limits each client by the address the proxy forwarded, so one client’s bad tokens lock out nobody else', async () => {
    for (const guess of guesses(5, 'd'))
      expect((await t.request('GET', '/api/tokens', undefined, from('203.0.113.5', guess))).status).toBe(401);
    expect((await t.request('GET', '/api/tokens', undefined, from('203.0.113.5', 'another-guess'))).status).toBe(429);

    expect((await t.request('GET', '/api/tokens', undefined, from('203.0.113.9', 'a-colleague-mistyping'))).status).toBe(401);
    expect((await t.request('GET', '/api/tokens', undefined, from('203.0.113.9', TEST_ADMIN_TOKEN))).status).toBe(200);
    expect((await t.request('GET', '/api/tokens', undefined, from('203.0.113.5', TEST_ADMIN_TOKEN))).status).toBe(200);
  });
});
