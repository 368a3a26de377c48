import { startTestApp, TestApp } from '../support/test-app';

/** What a browser is told not to do with what this server sends, on every kind of answer. */
const EXPECTED = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each([
    ['an API answer', 'GET', '/api/plans'],
    ['an API refusal', 'POST', '/api/plans'],
    ['the sign-in page', 'GET', '/sign-in'],
    ['a page that sends the visitor to sign in', 'GET', '/'],
  ])('are on %s, with a Content-Security-Policy that allows no inline script', async (_what, method, path) => {
    const response = await fetch(`${t.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
      body: method === 'POST' ? '{}' : undefined,
    });
    for (const [name, value] of Object.entries(EXPECTED)) expect([name, response.headers.get(name)]).toEqual([name, value]);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/(^|; )script-src 'self'( 'nonce-[A-Za-z0-9+/=]+')?(;|$)/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
  });

  it("are given the API documentation's own policy, which lets its page style itself", async () => {
    const response = await fetch(`${t.baseUrl}/api/docs`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
  });
});
