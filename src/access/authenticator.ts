import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config';
import { BOOTSTRAP_ADMIN, Principal } from './access-policy';
import { looksLikeJwt, OidcVerifier } from './oidc-verifier';
import { TokenRegistry } from './token-registry';
import { secretMatcher, TOKEN_PREFIX } from './token-secret';

/** The single-sign-on verifier, or null when OIDC is not configured. */
export const OIDC_VERIFIER = Symbol('OIDC_VERIFIER');

export type AuthOutcome = { kind: 'ok'; principal: Principal } | { kind: 'invalid' } | { kind: 'unavailable' };

/** Who a bearer credential stands for: the bootstrap admin token, a product-issued token, or a single-sign-on JWT. */
@Injectable()
export class Authenticator {
  private readonly isAdminSecret: (credential: string) => boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly tokens: TokenRegistry,
    @Inject(OIDC_VERIFIER) private readonly oidc: OidcVerifier | null,
  ) {
    this.isAdminSecret = secretMatcher(config.adminToken);
  }

  async authenticate(credential: string): Promise<AuthOutcome> {
    if (this.isAdminSecret(credential)) {
      return { kind: 'ok', principal: { actor: BOOTSTRAP_ADMIN, role: 'admin', plans: '*' } };
    }
    if (credential.startsWith(TOKEN_PREFIX)) {
      const principal = await this.tokens.authenticate(credential);
      return principal ? { kind: 'ok', principal } : { kind: 'invalid' };
    }
    if (this.oidc && looksLikeJwt(credential)) return this.oidc.verify(credential);
    return { kind: 'invalid' };
  }
}
