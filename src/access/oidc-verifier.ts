import type { JWTVerifyGetKey } from 'jose';
import { OidcConfig } from '../config/config';
import { onFirstUse } from '../platform/on-first-use';
import { Principal } from './access-policy';
import { principalFromClaims } from './oidc-claims';

export type OidcOutcome = { kind: 'ok'; principal: Principal } | { kind: 'invalid' } | { kind: 'unavailable' };

/** Asymmetric algorithms only: a key set publishes public keys, and an HMAC "key" taken from it would be a forgery. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/** Fetching the key set failed (unreachable, timed out, not 200, not a key set): our trouble (503), not the caller's. */
const UNAVAILABLE = new Set(['ERR_JOSE_GENERIC', 'ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID']);
class KeysUnavailable extends Error {}

/** Loaded by the first JWT presented: a server without single sign-on, or not yet asked, does without it. */
const jose = onFirstUse(() => import('jose'));

/**
 * Verifies JWTs from the council's identity provider (Entra ID and the like) with jose: signature against
 * the provider's published key set (fetched, cached and re-fetched on an unknown key id by jose), issuer,
 * audience, expiry and not-before.
 */
export class OidcVerifier {
  private readonly keys: JWTVerifyGetKey;
  private remote?: JWTVerifyGetKey;

  constructor(private readonly config: OidcConfig) {
    this.keys = async (header, token) => {
      this.remote ??= (await jose()).createRemoteJWKSet(new URL(this.config.jwksUrl), {
        timeoutDuration: 5000,
        cooldownDuration: 30_000,
        cacheMaxAge: 600_000,
      });
      try {
        return await this.remote(header, token);
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        throw typeof code === 'string' && !UNAVAILABLE.has(code) ? error : new KeysUnavailable();
      }
    };
  }

  async verify(jwt: string): Promise<OidcOutcome> {
    const { jwtVerify } = await jose();
    try {
      const { payload } = await jwtVerify(jwt, this.keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: 30,
      });
      const principal = principalFromClaims(payload, this.config);
      return principal ? { kind: 'ok', principal } : { kind: 'invalid' };
    } catch (error) {
      return error instanceof KeysUnavailable ? { kind: 'unavailable' } : { kind: 'invalid' };
    }
  }
}

export const looksLikeJwt = (credential: string): boolean => /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(credential);
