import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { AccessGuard } from './access.guard';
import { Authenticator, OIDC_VERIFIER } from './authenticator';
import { EarlyAuthentication } from './early-authentication';
import { FailedAuthLimiter } from './failed-auth-limiter';
import { IssueTokenController } from './issue-token/issue-token.controller';
import { IssueTokenHandler } from './issue-token/issue-token.command';
import { ListTokensController } from './list-tokens/list-tokens.controller';
import { OidcVerifier } from './oidc-verifier';
import { RevokeTokenController } from './revoke-token/revoke-token.controller';
import { RevokeTokenHandler } from './revoke-token/revoke-token.command';
import { RequestAuthentication } from './request-authentication';
import { TokenRegistry } from './token-registry';
import { OIDC_SIGN_IN, OidcSignIn } from './web-session/oidc-sign-in';
import { WebSessions } from './web-session/web-sessions';

/** Authentication (bearer tokens, single sign-on) and authorisation: one global guard, tokens as events. */
@Module({
  controllers: [IssueTokenController, RevokeTokenController, ListTokensController],
  providers: [
    TokenRegistry,
    Authenticator,
    WebSessions,
    RequestAuthentication,
    EarlyAuthentication,
    IssueTokenHandler,
    RevokeTokenHandler,
    {
      provide: FailedAuthLimiter,
      useFactory: (config: AppConfig) => new FailedAuthLimiter(config.authFailureLimit),
      inject: [APP_CONFIG],
    },
    {
      provide: OIDC_VERIFIER,
      useFactory: (config: AppConfig) => (config.oidc ? new OidcVerifier(config.oidc) : null),
      inject: [APP_CONFIG],
    },
    {
      provide: OIDC_SIGN_IN,
      useFactory: ({ oidc, publicUrl }: AppConfig) =>
        oidc?.clientId && publicUrl ? new OidcSignIn({ ...oidc, clientId: oidc.clientId }, publicUrl) : null,
      inject: [APP_CONFIG],
    },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [TokenRegistry, Authenticator, WebSessions, FailedAuthLimiter, OIDC_SIGN_IN],
})
export class AccessModule {}
