import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('defaults to the embedded store under ./data on port 3000 with the Halton plan', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      eventStore: { kind: 'sqlite', path: './data/tracker.db' },
      readModelPath: './data/tracker.db',
      seed: 'halton',
      authFailureLimit: 10,
      logLevel: 'info',
      http: { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 72_000, trustProxy: [] },
    });
  });

  it('takes a log level and a token for scraping metrics', () => {
    expect(loadConfig({ LOG_LEVEL: 'warn', METRICS_TOKEN: 'prometheus-scrape-token-0123456789' })).toMatchObject({
      logLevel: 'warn',
      metricsToken: 'prometheus-scrape-token-0123456789',
    });
  });

  it('takes the timeouts and the proxies to believe', () => {
    const { http } = loadConfig({
      REQUEST_TIMEOUT_MS: '5000',
      HEADERS_TIMEOUT_MS: '2000',
      KEEP_ALIVE_TIMEOUT_MS: '65000',
      TRUST_PROXY: '10.0.0.0/8, 192.168.1.20,loopback,fd00::/8',
    });
    expect(http).toEqual({
      headersTimeoutMs: 2000,
      requestTimeoutMs: 5000,
      keepAliveTimeoutMs: 65000,
      trustProxy: ['10.0.0.0/8', '192.168.1.20', 'loopback', 'fd00::/8'],
    });
    expect(loadConfig({ REQUEST_TIMEOUT_MS: '4000' }).http.headersTimeoutMs).toBe(4000);
    expect(loadConfig({ TRUST_PROXY: 'none' }).http.trustProxy).toEqual([]);
  });

  it('configures single sign-on from the issuer, audience and key set, with default claim names', () => {
    const config = loadConfig({
      OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
      OIDC_AUDIENCE: 'api://tracker',
      OIDC_JWKS_URL: 'https://login.microsoftonline.com/tenant/discovery/v2.0/keys',
    });
    expect(config.oidc).toEqual({
      issuer: 'https://login.microsoftonline.com/tenant/v2.0',
      audience: 'api://tracker',
      jwksUrl: 'https://login.microsoftonline.com/tenant/discovery/v2.0/keys',
      roleClaim: 'roles',
      plansClaim: 'plans',
      nameClaim: 'name',
      organisationClaim: 'organisation',
    });
    const custom = loadConfig({
      OIDC_ISSUER: 'i',
      OIDC_AUDIENCE: 'a',
      OIDC_JWKS_URL: 'http://127.0.0.1:8080/jwks',
      OIDC_ROLE_CLAIM: 'tracker_role',
      OIDC_PLANS_CLAIM: 'extension_plans',
      OIDC_NAME_CLAIM: 'preferred_username',
    });
    expect(custom.oidc).toMatchObject({
      roleClaim: 'tracker_role',
      plansClaim: 'extension_plans',
      nameClaim: 'preferred_username',
    });
    expect(loadConfig({ AUTH_FAILURE_LIMIT: '50' }).authFailureLimit).toBe(50);
  });

  it('configures the web pages: the address people use, the session secret, and single sign-on’s client', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://tracker.halton.gov.uk/',
      SESSION_SECRET: 'x'.repeat(32),
      OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
      OIDC_AUDIENCE: 'api://tracker',
      OIDC_JWKS_URL: 'https://login.microsoftonline.com/tenant/discovery/v2.0/keys',
      OIDC_CLIENT_ID: '00000000-1111-2222-3333-444444444444',
      OIDC_CLIENT_SECRET: 'client-secret',
    });
    expect(config).toMatchObject({ publicUrl: 'https://tracker.halton.gov.uk', sessionSecret: 'x'.repeat(32) });
    expect(config.oidc).toMatchObject({ clientId: '00000000-1111-2222-3333-444444444444', clientSecret: 'client-secret' });
  });

  it('accepts in-memory SQLite and KurrentDB connection strings', () => {
    expect(loadConfig({ EVENT_STORE_URL: 'sqlite::memory:' }).eventStore).toEqual({ kind: 'sqlite', path: ':memory:' });
    expect(loadConfig({ EVENT_STORE_URL: 'esdb://localhost:2113?tls=false' }).eventStore).toEqual({
      kind: 'kurrentdb',
      connectionString: 'esdb://localhost:2113?tls=false',
    });
    const kurrent = loadConfig({ EVENT_STORE_URL: 'kurrentdb://db:2113?tls=false' });
    expect(kurrent.readModelPath).toBe('./data/read-models.db');
  });

  it.each([
    [{ EVENT_STORE_URL: 'nonsense' }, /EVENT_STORE_URL must be/],
    [{ EVENT_STORE_URL: 'postgres://db' }, /EVENT_STORE_URL/],
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT/],
    [{ TRACKER_SEED: 'demo' }, /TRACKER_SEED must be "halton" or "none"/],
    [{ TRACKER_ADMIN_TOKEN: 'short' }, /TRACKER_ADMIN_TOKEN must be at least 24/],
    [{ READ_MODEL_URL: 'kurrentdb://x' }, /READ_MODEL_URL/],
    [{ LOG_LEVEL: 'verbose' }, /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "verbose"/],
    [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN must be at least 24/],
    [{ METRICS_TOKEN: 'the-same-long-secret-0123456789', TRACKER_ADMIN_TOKEN: 'the-same-long-secret-0123456789' }, /METRICS_TOKEN must differ/],
    [{ OIDC_ISSUER: 'https://idp' }, /OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL go together/],
    [{ OIDC_ISSUER: 'i', OIDC_AUDIENCE: 'a', OIDC_JWKS_URL: 'http://idp.example/keys' }, /OIDC_JWKS_URL must be an https/],
    [{ OIDC_ISSUER: 'i', OIDC_AUDIENCE: 'a', OIDC_JWKS_URL: 'not a url' }, /OIDC_JWKS_URL/],
    [
      { OIDC_ISSUER: 'i', OIDC_AUDIENCE: 'a', OIDC_JWKS_URL: 'https://idp/keys', OIDC_ROLE_CLAIM: 'two words' },
      /OIDC_ROLE_CLAIM/,
    ],
    [{ AUTH_FAILURE_LIMIT: '0' }, /AUTH_FAILURE_LIMIT must be a whole number/],
    [{ AUTH_FAILURE_LIMIT: 'many' }, /AUTH_FAILURE_LIMIT/],
    [{ SESSION_SECRET: 'short' }, /SESSION_SECRET must be at least 32/],
    [{ PUBLIC_URL: 'tracker.example.gov.uk' }, /PUBLIC_URL must be the address people open/],
    [{ PUBLIC_URL: 'https://tracker.example.gov.uk/app' }, /PUBLIC_URL/],
    [{ OIDC_ISSUER: 'https://idp', OIDC_AUDIENCE: 'a', OIDC_JWKS_URL: 'https://idp/keys', OIDC_CLIENT_ID: 'c' }, /OIDC_CLIENT_ID needs PUBLIC_URL/],
    [{ OIDC_CLIENT_SECRET: 'x' }, /OIDC_CLIENT_SECRET needs OIDC_CLIENT_ID/],
    [
      { OIDC_ISSUER: 'http://idp.example', OIDC_AUDIENCE: 'a', OIDC_JWKS_URL: 'https://idp/keys', OIDC_CLIENT_ID: 'c', PUBLIC_URL: 'https://t.example' },
      /OIDC_ISSUER must be an https/,
    ],
    [{ REQUEST_TIMEOUT_MS: '0' }, /REQUEST_TIMEOUT_MS must be a whole number of milliseconds/],
    [{ KEEP_ALIVE_TIMEOUT_MS: '1m' }, /KEEP_ALIVE_TIMEOUT_MS/],
    [
      { REQUEST_TIMEOUT_MS: '2000', HEADERS_TIMEOUT_MS: '3000' },
      /HEADERS_TIMEOUT_MS \(3000\) must not be longer than REQUEST_TIMEOUT_MS/,
    ],
    [{ TRUST_PROXY: 'true' }, /TRUST_PROXY must list the proxies to believe.*"true"/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: 'proxy.example' }, /TRUST_PROXY/],
  ])('refuses %p with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', EVENT_STORE_URL: 'y' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });
});
