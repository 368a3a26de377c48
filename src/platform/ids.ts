import { createHash } from 'node:crypto';

/** A UUID-shaped id that is the same every time for the same inputs (RFC 4122 variant, version 5 style). */
export function deterministicUuid(...parts: string[]): string {
  const hash = createHash('sha256').update(parts.join('\u0000')).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Fingerprints made from a canonical form carry this mark, which those made before did not. */
export const CANONICAL_FINGERPRINT = 'c1:';

/** The value with every object's keys in order, so that two writings of the same JSON are one. */
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((key) => [key, canonical(object[key])]),
  );
};

/**
 * A fingerprint of a request, so that an Idempotency-Key reused for a different request can be told apart:
 * the same fields in another order are the same request.
 */
export const fingerprint = (value: unknown): string =>
  CANONICAL_FINGERPRINT + createHash('sha256').update(JSON.stringify(canonical(value ?? null))).digest('hex').slice(0, 32);
