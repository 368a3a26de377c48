import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Bearer tokens issued by the product: `trk_<tokenId>_<secret>`. The secret is 32 random bytes, so a
 * plain SHA-256 of it is enough to store (no slow hash needed for a secret nobody chose); the tokenId in
 * front lets the lookup go straight to the one stored hash to compare.
 */
export const TOKEN_PREFIX = 'trk_';
const TOKEN_SHAPE = /^trk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface NewToken {
  tokenId: string;
  /** Shown once to the person it is issued to, never stored. */
  token: string;
  hash: string;
}

export const hashSecret = (secret: string): string => hash('sha256', secret, 'hex');

/** A secret's SHA-256 digest, as bytes: what two secrets are compared by. */
const digestOf = (secret: string): Buffer => hash('sha256', secret, 'buffer');

/** The id of a token issued for a request with an Idempotency-Key: the same for every retry of it. */
export const tokenIdFor = (actorId: string, idempotencyKey: string): string =>
  hash('sha256', `${actorId}\u0000${idempotencyKey}`, 'hex').slice(0, 16);

/** A new token: a random secret, under a random id or the one given. */
export function newToken(tokenId: string = randomBytes(8).toString('hex')): NewToken {
  const secret = randomBytes(32).toString('base64url');
  return { tokenId, token: `${TOKEN_PREFIX}${tokenId}_${secret}`, hash: hashSecret(secret) };
}

export function parseToken(token: string): { tokenId: string; secret: string } | undefined {
  const match = TOKEN_SHAPE.exec(token);
  return match ? { tokenId: match[1]!, secret: match[2]! } : undefined;
}

/** Compares two hex SHA-256 digests in constant time. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === 32 && right.length === 32 && timingSafeEqual(left, right);
}

/**
 * Whether a secret given is the one expected, in constant time: compared by digests, so its length leaks
 * nothing either. The expected one's digest is taken once, not on every request. With none configured,
 * nothing matches.
 */
export function secretMatcher(expected: string | undefined): (given: string) => boolean {
  if (expected === undefined) return () => false;
  const digest = digestOf(expected);
  return (given) => timingSafeEqual(digestOf(given), digest);
}
