import * as client from 'openid-client';
import { OidcConfig } from '../../config/config';
import { Principal } from '../access-policy';
import { principalFromClaims } from '../oidc-claims';

/** What a browser carries (in its encrypted session) between leaving for the identity provider and coming back. */
export interface PendingSignIn {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

export type SignInOutcome = { kind: 'ok'; principal: Principal } | { kind: 'refused'; reason: string } | { kind: 'unavailable' };

/** Single sign-on on the web pages, or null when no client is registered (OIDC_CLIENT_ID). */
export const OIDC_SIGN_IN = Symbol('OIDC_SIGN_IN');

const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|\[::1\])$/;

/**
 * Single sign-on for the web pages: OpenID Connect's authorization-code flow with PKCE, through
 * openid-client. The provider is discovered from the issuer once (again after a failure); the role and
 * plans are read from the ID token's claims as for the API's JWTs.
 */
export class OidcSignIn {
  private configuration?: Promise<client.Configuration>;
  private readonly redirectUri: string;

  constructor(
    private readonly config: OidcConfig & { clientId: string },
    publicUrl: string,
  ) {
    this.redirectUri = `${publicUrl}/sign-in/callback`;
  }

  async start(returnTo: string): Promise<{ url: string; pending: PendingSignIn } | { kind: 'unavailable' }> {
    const configuration = await this.discover();
    if (!configuration) return { kind: 'unavailable' };
    const pending: PendingSignIn = {
      verifier: client.randomPKCECodeVerifier(),
      state: client.randomState(),
      nonce: client.randomNonce(),
      returnTo,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** The person the provider sent back, from the callback's address (its path and query). */
  async finish(callbackPathAndQuery: string, pending: PendingSignIn): Promise<SignInOutcome> {
    const configuration = await this.discover();
    if (!configuration) return { kind: 'unavailable' };
    try {
      const tokens = await client.authorizationCodeGrant(configuration, new URL(callbackPathAndQuery, this.redirectUri), {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
      });
      const claims = tokens.claims();
      const principal = claims && principalFromClaims(claims as Record<string, unknown>, this.config);
      if (!principal) return { kind: 'refused', reason: 'Your organisation did not say who you are.' };
      return { kind: 'ok', principal };
    } catch (error) {
      if (error instanceof client.AuthorizationResponseError) {
        return { kind: 'refused', reason: error.error_description ?? 'Your organisation did not sign you in.' };
      }
      if (error instanceof client.ResponseBodyError || isCheckFailure(error)) {
        return { kind: 'refused', reason: 'The answer from your organisation could not be checked.' };
      }
      // Anything else is the provider out of reach (a network failure): nothing the person did.
      return { kind: 'unavailable' };
    }
  }

  private discover(): Promise<client.Configuration | undefined> {
    if (!this.configuration) {
      const issuer = new URL(this.config.issuer);
      this.configuration = client.discovery(
        issuer,
        this.config.clientId,
        undefined,
        this.config.clientSecret ? client.ClientSecretPost(this.config.clientSecret) : client.None(),
        {
          // Plain HTTP only for a provider on this machine (configuration refuses it otherwise).
          ...(issuer.protocol === 'http:' && LOOPBACK.test(issuer.hostname) ? { execute: [client.allowInsecureRequests] } : {}),
          timeout: 5,
        },
      );
      this.configuration.catch(() => (this.configuration = undefined));
    }
    return this.configuration.then(
      (configuration) => configuration,
      () => undefined,
    );
  }
}

const isCheckFailure = (error: unknown): boolean =>
  typeof (error as { code?: unknown } | null)?.code === 'string' && String((error as { code: string }).code).startsWith('OAUTH_');
