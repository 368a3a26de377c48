import { createHash } from 'node:crypto';
import { hashSecret, newToken, parseToken, sameHash, secretMatcher } from './token-secret';

describe('token secrets', () => {
  it('issues a long random token that carries its id, and keeps only the hash of its secret', () => {
    const a = newToken();
    const b = newToken();
    expect(a.token).toMatch(/^trk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.tokenId).not.toBe(b.tokenId);
    const parsed = parseToken(a.token)!;
    expect(parsed.tokenId).toBe(a.tokenId);
    expect(hashSecret(parsed.secret)).toBe(a.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.token).not.toContain(a.hash);
  });

  it('keeps the stored hash as it was written before (SHA-256 of the secret, in hex), so tokens issued earlier still work', () => {
    const secret = parseToken(newToken().token)!.secret;
    expect(hashSecret(secret)).toBe(createHash('sha256').update(secret, 'utf8').digest('hex'));
  });

  it('refuses anything not shaped like a token', () => {
    for (const text of [
      '',
      'trk_',
      'trk_abc_def',
      `trk_${'0'.repeat(16)}_short`,
      `Trk_${'0'.repeat(16)}_${'a'.repeat(43)}`,
      'eyJ.a.b',
    ]) {
      expect(parseToken(text)).toBeUndefined();
    }
  });

  it('compares hashes and secrets exactly', () => {
    const { hash } = newToken();
    expect(sameHash(hash, hash)).toBe(true);
    expect(sameHash(hash, hashSecret('other'))).toBe(false);
    expect(sameHash(hash, 'not-hex')).toBe(false);
    const isExpected = secretMatcher('a'.repeat(30));
    expect(isExpected('a'.repeat(30))).toBe(true);
    expect(isExpected('a'.repeat(31))).toBe(false);
    expect(isExpected('')).toBe(false);
    expect(secretMatcher(undefined)('')).toBe(false);
  });
});
