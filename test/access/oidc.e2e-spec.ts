import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWTPayload, SignJWT } from 'jose';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { recordSmallPlan } from '../support/plan-fixture';

const ISSUER = 'https://login.example-idp.test/halton-tenant/v2.0';
const AUDIENCE = 'api://improvement-plan-tracker';

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** A council's identity provider in miniature: a key pair, and its public key served as a JWKS on 127.0.0.1. */
async function startIdentityProvider() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] });
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    fetches++;
    if (req.url !== '/discovery/keys') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUrl: `http://127.0.0.1:${port}/discovery/keys`,
    privateKey,
    fetches: () => fetches,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

interface SignOptions {
  key?: Key;
  kid?: string;
  issuer?: string;
  audience?: string;
  expiresIn?: string | number;
}

const sign = (claims: JWTPayload, key: Key, options: SignOptions = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'k1' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(options.key ?? key);

describe('single sign-on with the council’s identity provider (OIDC JWTs)', () => {
  let idp: Awaited<ReturnType<typeof startIdentityProvider>>;
  let t: TestApp;
  const priya = { sub: 'entra-oid-7f3c', name: 'Priya Shah', roles: ['board-member'], plans: ['halton'] };
  const update = {
    period: '2025-26 Q2',
    rag: 'green',
    commentary: 'On course.',
    effectiveOn: '2025-09-30',
    reason: 'Board review',
  };

  beforeAll(async () => {
    idp = await startIdentityProvider();
    t = await startTestApp({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: AUDIENCE, OIDC_JWKS_URL: idp.jwksUrl });
    await recordSmallPlan(t);
    await recordSmallPlan(t, 'knowsley');
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  const post = (path: string, body: unknown, jwt: string) => t.request('POST', path, body, bearer(jwt));

  it('accepts a validly signed JWT and records the person it names as the actor', async () => {
    const jwt = await sign(priya, idp.privateKey);
    const res = await post('/api/plans/halton/milestones/P2.1/updates', update, jwt);
    expect(res.status).toBe(201);
    const event = (await t.store.readStream('milestone-halton/P2.1')).at(-1)!;
    expect(event.metadata.actor).toEqual({ id: 'entra-oid-7f3c', name: 'Priya Shah', role: 'board-member' });
  });

  it('limits the user to the plans the plans claim names', async () => {
    const jwt = await sign(priya, idp.privateKey);
    expect((await post('/api/plans/knowsley/milestones/P2.1/updates', update, jwt)).status).toBe(403);
  });

  it('takes the role from the roles claim: an auditor may not write', async () => {
    const jwt = await sign({ ...priya, sub: 'auditor-1', roles: ['auditor'] }, idp.privateKey);
    const res = await post('/api/plans/halton/milestones/P2.1/updates', update, jwt);
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/auditor role does not allow changing plans/);
  });

  it('answers 403 to a signed-in user with no role the product knows', async () => {
    const jwt = await sign({ sub: 'no-role', name: 'Visitor', roles: ['Directory.Reader'], plans: ['*'] }, idp.privateKey);
    const res = await post('/api/plans/halton/priorities', { priorityId: 'CYP N1', title: 'x' }, jwt);
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/no role in this product/);
  });

  it('lets an admin from the identity provider create a plan', async () => {
    const jwt = await sign({ sub: 'admin-1', name: 'Improvement team lead', roles: ['admin'] }, idp.privateKey);
    expect((await post('/api/plans', { planId: 'wirral', localAuthority: 'Wirral Council', title: 'Plan' }, jwt)).status).toBe(
      201,
    );
    expect((await t.store.readStream('plan-wirral'))[0]!.metadata.actor).toEqual({
      id: 'admin-1',
      name: 'Improvement team lead',
      role: 'admin',
    });
  });

  it.each<[string, () => Promise<string>]>([
    ['expired', async () => sign(priya, idp.privateKey, { expiresIn: Math.floor(Date.now() / 1000) - 120 })],
    ['signed with another key under the same key id', async () => sign(priya, (await generateKeyPair('RS256')).privateKey)],
    [
      'signed with a key the provider does not publish',
      async () => sign(priya, (await generateKeyPair('RS256')).privateKey, { kid: 'k2' }),
    ],
    ['for another audience', async () => sign(priya, idp.privateKey, { audience: 'api://other-app' })],
    ['from another issuer', async () => sign(priya, idp.privateKey, { issuer: 'https://evil.example/v2.0' })],
    ['without a subject', async () => sign({ name: 'Nobody', roles: ['admin'] }, idp.privateKey)],
    [
      'unsigned (alg none)',
      async () => {
        const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        const now = Math.floor(Date.now() / 1000);
        return `${enc({ alg: 'none' })}.${enc({ ...priya, iss: ISSUER, aud: AUDIENCE, exp: now + 600 })}.`;
      },
    ],
    [
      'tampered after signing',
      async () => {
        const [header, , signature] = (await sign(priya, idp.privateKey)).split('.');
        const now = Math.floor(Date.now() / 1000);
        const payload = Buffer.from(
          JSON.stringify({ ...priya, roles: ['admin'], iss: ISSUER, aud: AUDIENCE, exp: now + 600 }),
        ).toString('base64url');
        return `${header}.${payload}.${signature}`;
      },
    ],
  ])('answers 401 to a JWT %s', async (_, make) => {
    const res = await post('/api/plans/halton/milestones/P2.1/updates', update, await make());
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="improvement-plan-tracker", error="invalid_token"');
    expect(res.body).toMatchObject({ status: 401, title: 'Authentication required' });
  });

  it('fetches the key set once and keeps it, rather than on every request', async () => {
    const before = idp.fetches();
    const jwt = await sign(priya, idp.privateKey);
    for (let i = 0; i < 5; i++)
      expect((await post('/api/plans/halton/priorities', { priorityId: `CYP K${i}`, title: 'x' }, jwt)).status).toBe(201);
    expect(idp.fetches()).toBe(before);
  });
});

describe('single sign-on when the identity provider cannot be reached', () => {
  it('answers 503 (our trouble, not the caller’s) without counting it as a failed authentication', async () => {
    const idp = await startIdentityProvider();
    const jwt = await sign({ sub: 's', roles: ['admin'] }, idp.privateKey);
    const jwksUrl = idp.jwksUrl;
    await idp.close();
    const t = await startTestApp({
      OIDC_ISSUER: ISSUER,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_JWKS_URL: jwksUrl,
      AUTH_FAILURE_LIMIT: '1',
    });
    try {
      for (let i = 0; i < 2; i++) {
        const res = await t.request('GET', '/api/tokens', undefined, bearer(jwt));
        expect(res.status).toBe(503);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
      expect((await t.request('GET', '/api/tokens')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
