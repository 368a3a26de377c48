import { startTestApp, TestApp } from '../support/test-app';

/**
 * Many HTTP clients send `Content-Type: application/json` on every call, and so do many people's curl
 * habits: a route that takes no body accepts an empty one, whatever its Content-Type. A route that takes a
 * body still names what is missing, and a body that is not JSON is still refused as such.
 */
describe('requests with an empty body', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const send = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    t.request(method, path, body, headers);
  const newToken = async () => (await t.request('POST', '/api/tokens', { name: 'Temporary auditor', role: 'auditor', plans: ['*'] })).body;

  it('revoke a token with DELETE, Content-Type: application/json and no body: 204, and the token is refused from then on', async () => {
    const { tokenId, token } = await newToken();
    const revoked = await send('DELETE', `/api/tokens/${tokenId}`, { 'content-type': 'application/json' });
    expect(revoked.status).toBe(204);
    expect((await t.request('GET', '/api/plans', undefined, { authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it.each(['application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream'])(
    'revoke with Content-Type %s and no body: 204',
    async (contentType) => {
      const { tokenId } = await newToken();
      expect((await send('DELETE', `/api/tokens/${tokenId}`, { 'content-type': contentType })).status).toBe(204);
    },
  );

  it('refuse a write that needs a body, sent empty as JSON, naming the fields it needs', async () => {
    const res = await send('POST', '/api/plans', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['planId', 'localAuthority', 'title']));
  });

  it('refuse a body of a type the API does not read with 415, and a text one as no JSON object', async () => {
    const form = await send('POST', '/api/plans', { 'content-type': 'application/x-www-form-urlencoded' }, 'planId=halton');
    expect(form.status).toBe(415);
    expect(form.headers.get('content-type')).toContain('application/problem+json');
    const text = await send('POST', '/api/plans', { 'content-type': 'text/plain' }, 'halton');
    expect(text.status).toBe(400);
    expect(text.body.errors).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
  });

  it('still refuse a body that is not JSON, or that poisons prototypes, as unreadable', async () => {
    for (const body of ['{bad', '{"__proto__": {"admin": true}}']) {
      const res = await send('POST', '/api/plans', { 'content-type': 'application/json' }, body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ title: 'The request body could not be read', errors: [{ field: 'body' }] });
    }
  });
});
