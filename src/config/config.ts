import { isIP } from 'node:net';

/**
 * The one place the product reads its environment. Every value is validated on start; a bad one stops
 * the start with a message naming the variable.
 */
export type EventStoreLocation =
  | { kind: 'sqlite'; path: string }
  | { kind: 'kurrentdb'; connectionString: string };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  port: number;
  host: string;
  eventStore: EventStoreLocation;
  /** SQLite file holding the read models: the embedded store's own file, or one beside a KurrentDB deployment. */
  readModelPath: string;
  seed: 'halton' | 'none';
  adminToken?: string;
  /** Single sign-on: JWTs from the council's identity provider, when configured. */
  oidc?: OidcConfig;
  /** Failed authentications one client address may make in a minute before it is answered 429. */
  authFailureLimit: number;
  /** Where people open the web pages (origin only); https makes the session cookie Secure. */
  publicUrl?: string;
  /** What the session cookie's encryption key is derived from; none: a random key each start. */
  sessionSecret?: string;
  /** The least severe level written to the JSON log. */
  logLevel: LogLevel;
  /** A bearer token that may read GET /metrics and nothing else (admins may read it too). */
  metricsToken?: string;
  http: HttpConfig;
}

/** How long the server waits for clients, and whose word it takes for their address. */
export interface HttpConfig {
  /** A request's headers must have arrived within this (ms). */
  headersTimeoutMs: number;
  /** A request's headers and body must have arrived within this (ms). */
  requestTimeoutMs: number;
  /** A kept-alive connection with no request is closed after this (ms). */
  keepAliveTimeoutMs: number;
  /** The proxies whose X-Forwarded-For is believed: addresses, CIDR ranges or loopback/linklocal/uniquelocal; empty for none. */
  trustProxy: string[];
}

export interface OidcConfig {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** Claim holding the role(s): a string or a list of strings. */
  roleClaim: string;
  /** Claim holding the planIds the user may see (a list, or "*"). */
  plansClaim: string;
  /** Claim holding the person's display name. */
  nameClaim: string;
  /** Sign-in on the web pages (authorization code with PKCE): the product's client registration. */
  clientId?: string;
  /** For a confidential client; a public one proves itself with PKCE alone. */
  clientSecret?: string;
  /** The claim naming the organisation the person acts for (what DfE advisers see of them). */
  organisationClaim: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const KURRENT_SCHEMES = /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\/[^\s]+$/;

export function parseEventStoreUrl(value: string): EventStoreLocation | undefined {
  if (value === 'sqlite::memory:') return { kind: 'sqlite', path: ':memory:' };
  const sqlite = /^sqlite:(?!\/\/)(.+)$/.exec(value);
  if (sqlite) return { kind: 'sqlite', path: sqlite[1]! };
  if (KURRENT_SCHEMES.test(value)) return { kind: 'kurrentdb', connectionString: value };
  return undefined;
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const value = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const portText = value('PORT') ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535; got "${portText}"`);
  }

  const host = value('HOST') ?? '127.0.0.1';

  const url = value('EVENT_STORE_URL') ?? 'sqlite:./data/tracker.db';
  const eventStore = parseEventStoreUrl(url);
  if (!eventStore) {
    problems.push(
      `EVENT_STORE_URL must be sqlite:<path>, sqlite::memory:, or a KurrentDB connection string (kurrentdb://… or esdb://…); got "${url}"`,
    );
  }

  const readModelText = value('READ_MODEL_URL');
  let readModelPath = eventStore?.kind === 'sqlite' ? eventStore.path : './data/read-models.db';
  if (readModelText) {
    const parsed = parseEventStoreUrl(readModelText);
    if (parsed?.kind === 'sqlite') readModelPath = parsed.path;
    else problems.push(`READ_MODEL_URL must be sqlite:<path> or sqlite::memory:; got "${readModelText}"`);
  }

  const seed = value('TRACKER_SEED') ?? 'halton';
  if (seed !== 'halton' && seed !== 'none') problems.push(`TRACKER_SEED must be "halton" or "none"; got "${seed}"`);

  const adminToken = value('TRACKER_ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < 24) {
    problems.push('TRACKER_ADMIN_TOKEN must be at least 24 characters long (use a long random secret)');
  }

  const publicUrl = publicUrlOf(value('PUBLIC_URL'), problems);
  const sessionSecret = value('SESSION_SECRET');
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters long (use a long random secret)');
  }

  const oidc = oidcConfig(value, problems);
  if (oidc?.clientId !== undefined && publicUrl === undefined) {
    problems.push('OIDC_CLIENT_ID needs PUBLIC_URL: the identity provider sends people back to PUBLIC_URL/sign-in/callback');
  }

  const limitText = value('AUTH_FAILURE_LIMIT') ?? '10';
  const authFailureLimit = Number(limitText);
  if (!/^\d+$/.test(limitText) || authFailureLimit < 1 || authFailureLimit > 100_000) {
    problems.push(`AUTH_FAILURE_LIMIT must be a whole number from 1 to 100000; got "${limitText}"`);
  }

  const logLevel = value('LOG_LEVEL') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}"`);

  const metricsToken = value('METRICS_TOKEN');
  if (metricsToken !== undefined && metricsToken.length < 24) {
    problems.push('METRICS_TOKEN must be at least 24 characters long (use a long random secret)');
  }
  if (metricsToken !== undefined && metricsToken === adminToken) problems.push('METRICS_TOKEN must differ from TRACKER_ADMIN_TOKEN');
  const http = httpConfig(value, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    eventStore: eventStore!,
    readModelPath,
    seed: seed as AppConfig['seed'],
    ...(adminToken ? { adminToken } : {}),
    ...(oidc ? { oidc } : {}),
    authFailureLimit,
    ...(publicUrl ? { publicUrl } : {}),
    ...(sessionSecret ? { sessionSecret } : {}),
    logLevel: logLevel as LogLevel,
    ...(metricsToken ? { metricsToken } : {}),
    http,
  };
}

/** An origin such as https://tracker.halton.gov.uk (a trailing slash is dropped); anything more is refused. */
function publicUrlOf(text: string | undefined, problems: string[]): string | undefined {
  if (text === undefined) return undefined;
  const url = urlOf(text);
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== text.replace(/\/$/, '')) {
    problems.push(`PUBLIC_URL must be the address people open, such as https://tracker.example.gov.uk (no path); got "${text}"`);
    return undefined;
  }
  return url.origin;
}

function milliseconds(value: (name: string) => string | undefined, problems: string[], name: string, fallback: number): number {
  const text = value(name) ?? String(fallback);
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < 100 || ms > 3_600_000) {
    problems.push(`${name} must be a whole number of milliseconds from 100 to 3600000; got "${text}"`);
  }
  return ms;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address or CIDR range the way X-Forwarded-For trust is given: 10.0.0.5, 10.0.0.0/8, ::1, fd00::/8. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

function httpConfig(value: (name: string) => string | undefined, problems: string[]): HttpConfig {
  const requestTimeoutMs = milliseconds(value, problems, 'REQUEST_TIMEOUT_MS', 30_000);
  const headersTimeoutMs = milliseconds(value, problems, 'HEADERS_TIMEOUT_MS', Math.min(10_000, requestTimeoutMs));
  if (headersTimeoutMs > requestTimeoutMs) {
    problems.push(`HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not be longer than REQUEST_TIMEOUT_MS (${requestTimeoutMs})`);
  }
  const keepAliveTimeoutMs = milliseconds(value, problems, 'KEEP_ALIVE_TIMEOUT_MS', 72_000);
  const proxies = value('TRUST_PROXY') ?? '';
  const trustProxy = proxies === '' || proxies === 'none' ? [] : proxies.split(',').map((p) => p.trim());
  const wrong = trustProxy.filter((entry) => !isProxyAddress(entry));
  if (wrong.length > 0) {
    problems.push(
      `TRUST_PROXY must list the proxies to believe, comma-separated: addresses, CIDR ranges (10.0.0.0/8) or loopback, linklocal, uniquelocal; got "${wrong.join(', ')}"`,
    );
  }
  return { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, trustProxy };
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|\[::1\])$/;
const CLAIM_NAME = /^[A-Za-z0-9_:./-]{1,200}$/;

function oidcConfig(value: (name: string) => string | undefined, problems: string[]): OidcConfig | undefined {
  const issuer = value('OIDC_ISSUER');
  const audience = value('OIDC_AUDIENCE');
  const jwksUrl = value('OIDC_JWKS_URL');
  const given = [issuer, audience, jwksUrl].filter((v) => v !== undefined).length;
  const clientId = value('OIDC_CLIENT_ID');
  const clientSecret = value('OIDC_CLIENT_SECRET');
  if (clientSecret !== undefined && clientId === undefined) problems.push('OIDC_CLIENT_SECRET needs OIDC_CLIENT_ID');
  if (clientId !== undefined && given < 3) {
    problems.push('OIDC_CLIENT_ID needs OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL: sign-in reads the same claims as the API');
  }
  if (given === 0) return undefined;
  if (given < 3) {
    problems.push('OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL go together: set all three for single sign-on, or none');
    return undefined;
  }
  // Keys fetched over plain HTTP could be swapped in transit; only a local key server may use it.
  if (!isSafeUrl(jwksUrl!)) {
    problems.push(`OIDC_JWKS_URL must be an https:// URL (http:// only on this machine); got "${jwksUrl}"`);
  }
  // The sign-in flow reads the provider's discovery document from the issuer: the same rule as for its keys.
  if (clientId !== undefined && !isSafeUrl(issuer!)) {
    problems.push(`OIDC_ISSUER must be an https:// URL for sign-in on the web pages (http:// only on this machine); got "${issuer}"`);
  }
  const claim = (name: string, fallback: string) => {
    const v = value(name) ?? fallback;
    if (!CLAIM_NAME.test(v)) problems.push(`${name} must be a claim name (letters, digits and _ : . / -); got "${v}"`);
    return v;
  };
  return {
    issuer: issuer!,
    audience: audience!,
    jwksUrl: jwksUrl!,
    roleClaim: claim('OIDC_ROLE_CLAIM', 'roles'),
    plansClaim: claim('OIDC_PLANS_CLAIM', 'plans'),
    nameClaim: claim('OIDC_NAME_CLAIM', 'name'),
    ...(clientId ? { clientId } : {}),
    ...(clientSecret ? { clientSecret } : {}),
    organisationClaim: claim('OIDC_ORGANISATION_CLAIM', 'organisation'),
  };
}

const urlOf = (text: string): URL | undefined => {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
};

/** https://, or http:// to this machine only. */
const isSafeUrl = (text: string): boolean => {
  const url = urlOf(text);
  return url !== undefined && (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname)));
};
