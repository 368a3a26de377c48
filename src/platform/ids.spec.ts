import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, CANONICAL_FINGERPRINT, deterministicUuid, fingerprint } from './ids';

/** How fingerprints were made before: a sorted copy of the value, written by JSON.stringify, hashed. */
const sortedCopy = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((key) => [key, sortedCopy(object[key])]),
  );
};
const earlierFingerprint = (value: unknown): string =>
  CANONICAL_FINGERPRINT +
  createHash('sha256')
    .update(JSON.stringify(sortedCopy(value ?? null)))
    .digest('hex')
    .slice(0, 32);

/** A request body as a client may send it: JSON, with members in any order. */
const body = fc.jsonValue();

describe('request fingerprints', () => {
  it('are the ones stored by earlier versions, so a retry after an upgrade is still known', () => {
    fc.assert(
      fc.property(fc.string(), body, (path, value) => {
        const request = { path, body: value };
        expect(fingerprint(request)).toBe(earlierFingerprint(request));
      }),
      { numRuns: 2000 },
    );
  });

  it('are the same for the same members in another order, and differ when a value differs', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), body, { minKeys: 2 }), (members) => {
        const reversed = Object.fromEntries(Object.entries(members).reverse());
        expect(fingerprint({ path: '/p', body: reversed })).toBe(fingerprint({ path: '/p', body: members }));
        const [first] = Object.keys(members);
        expect(fingerprint({ path: '/p', body: { ...members, [first!]: [members[first!]] } })).not.toBe(
          fingerprint({ path: '/p', body: members }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('leave out what JSON cannot hold, as JSON.stringify does', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined, 2] })).toBe('{"b":1,"c":[null,2]}');
    expect(fingerprint(undefined)).toBe(fingerprint(null));
    // An object made from sorted keys lists array indices first, by number: so did fingerprints before.
    expect(canonicalJson({ b: 1, '10': 2, '': 3, '9': 4 })).toBe('{"9":4,"10":2,"":3,"b":1}');
  });
});

describe('deterministic ids', () => {
  it('are UUIDs, the same for the same parts and different for different ones', () => {
    const id = deterministicUuid('actor-1', 'key-1', 'milestone-x', '0');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicUuid('actor-1', 'key-1', 'milestone-x', '0')).toBe(id);
    expect(deterministicUuid('actor-1', 'key-1', 'milestone-x', '1')).not.toBe(id);
    expect(deterministicUuid('actor-1', randomUUID(), 'milestone-x', '0')).not.toBe(id);
  });

  it('are the ones earlier versions gave, so the events of a retried request are found', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), (parts) => {
        const digest = createHash('sha256').update(parts.join('\u0000')).digest();
        digest[6] = (digest[6]! & 0x0f) | 0x50;
        digest[8] = (digest[8]! & 0x3f) | 0x80;
        const hex = digest.subarray(0, 16).toString('hex');
        expect(deterministicUuid(...parts)).toBe(
          `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`,
        );
      }),
      { numRuns: 300 },
    );
  });
});
