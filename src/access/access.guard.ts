import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ProblemException, problemType } from '../web/problem.filter';
import { ACCESS_KEY, AuthenticatedRequest, RouteAccess, SESSION_KEY } from './access.decorator';
import { decideAccess, Principal } from './access-policy';
import { bearerOf, RequestAuthentication } from './request-authentication';
import { secretMatcher } from './token-secret';
import { SessionEnd, WebSessions } from './web-session/web-sessions';

const forbidden = (detail: string) =>
  new ProblemException({ type: problemType('forbidden'), title: 'Not allowed', status: 403, detail });

/** A page opened without a session: the pages answer it by sending the person to sign in, and back. */
export const signInRequired = (ended?: SessionEnd) =>
  new ProblemException({
    type: problemType('sign-in-required'),
    title: 'Sign in to continue',
    status: 401,
    detail: 'Sign in to see this page.',
    signIn: ended ?? 'required',
  });

/**
 * The one place access is enforced (registered as APP_GUARD). Each route declares what it needs with
 * @Access(...), @Page(...) or @Public(); a route that declares nothing is refused, so a new route is closed
 * until someone decides who may use it. 401: no credential, or one that does not verify; 403: a known
 * caller whose role or plans do not allow the request; 429: too many failed authentications from the
 * address. An API request with a body was already authenticated from its headers (see EarlyAuthentication);
 * a web page takes its caller from the session cookie instead, never from a bearer token.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authentication: RequestAuthentication,
    private readonly sessions: WebSessions,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.isMetricsSecret = secretMatcher(config.metricsToken);
  }

  private readonly isMetricsSecret: (credential: string) => boolean;

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access === undefined) throw forbidden('This route declares no access rule, so nobody may use it.');
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const viaSession = this.reflector.getAllAndOverride<boolean | undefined>(SESSION_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (viaSession) return this.admitSession(request, access);
    if (access === 'public') return true;

    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (access === 'metrics' && this.isMetricsToken(request.headers.authorization)) return true;
    const principal = request.principal ?? (await this.authentication.principalOf(request, reply));
    return this.admit(request, principal, access);
  }

  /** A page: its caller is the session's, or nobody (public pages still learn who is signed in). */
  private async admitSession(request: AuthenticatedRequest, access: RouteAccess): Promise<boolean> {
    const outcome = await this.sessions.principalOf(request);
    if (outcome.kind === 'signed-in') {
      if (access === 'public') {
        request.principal = outcome.principal;
        return true;
      }
      return this.admit(request, outcome.principal, access);
    }
    if (access === 'public') return true;
    throw signInRequired(outcome.kind === 'ended' ? outcome.reason : undefined);
  }

  private admit(request: AuthenticatedRequest, principal: Principal, access: Exclude<RouteAccess, 'public'>): boolean {
    request.principal = principal;
    request.actor = principal.actor;
    const params = request.params as Record<string, unknown> | undefined;
    const planId = typeof params?.planId === 'string' ? params.planId : undefined;
    // The metrics are otherwise an admin's.
    const decision = decideAccess(principal, access === 'metrics' ? 'admin' : access, planId);
    if (!decision.allowed) throw forbidden(decision.reason);
    return true;
  }

  private isMetricsToken(header: string | undefined): boolean {
    const credential = bearerOf(header);
    return credential !== undefined && this.isMetricsSecret(credential);
  }
}
