import { hash } from 'node:crypto';

/** A UUID-shaped id that is the same every time for the same inputs (RFC 4122 variant, version 5 style). */
export function deterministicUuid(...parts: string[]): string {
  // The one-shot digest: a keyed write makes two or three of these, and a Hash object costs more.
  const digest = hash('sha256', parts.join('\u0000'), 'buffer');
  digest[6] = (digest[6]! & 0x0f) | 0x50;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Fingerprints made from a canonical form carry this mark, which those made before did not. */
export const CANONICAL_FINGERPRINT = 'c1:';

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;
const isIndex = (key: string): boolean => ARRAY_INDEX.test(key) && Number(key) < 2 ** 32 - 1;

/** Keys in the order an object made from them sorted lists them: array indices first, by number. */
const orderedKeys = (object: object): string[] => {
  const keys = Object.keys(object).sort();
  const indices = keys.filter(isIndex);
  return indices.length === 0 ? keys : [...indices.sort((a, b) => Number(a) - Number(b)), ...keys.filter((key) => !isIndex(key))];
};

/**
 * The JSON text of a value with every object's keys in order, so that two writings of the same JSON are one.
 * It is what `JSON.stringify` writes for a copy of the value with its keys sorted (members whose value JSON
 * cannot hold are left out, and are null in a list; keys that are array indices come first, by number),
 * written in one pass without the copy, so fingerprints stored by earlier versions still match.
 */
export function canonicalJson(value: unknown): string | undefined {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item) ?? 'null').join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const object = value as Record<string, unknown>;
  let text = '';
  for (const key of orderedKeys(object)) {
    const member = canonicalJson(object[key]);
    if (member !== undefined) text += `${text ? ',' : ''}${JSON.stringify(key)}:${member}`;
  }
  return `{${text}}`;
}

/**
 * A fingerprint of a request, so that an Idempotency-Key reused for a different request can be told apart:
 * the same fields in another order are the same request.
 */
export const fingerprint = (value: unknown): string =>
  CANONICAL_FINGERPRINT + hash('sha256', canonicalJson(value ?? null)!, 'hex').slice(0, 32);
