import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { ProblemException, problemType } from '../web/problem.filter';
import { ACCESS_KEY, AuthenticatedRequest, RouteAccess, SESSION_KEY } from './access.decorator';
import { decideAccess, Principal } from './access-policy';
import { Authenticator } from './authenticator';
import { FailedAuthLimiter } from './failed-auth-limiter';
import { SessionEnd, WebSessions } from './web-session/web-sessions';

const REALM = 'Bearer realm="improvement-plan-tracker"';
const MAX_CREDENTIAL = 8192;

const unauthenticated = (detail: string) =>
  new ProblemException({ type: problemType('unauthenticated'), title: 'Authentication required', status: 401, detail });
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
 * @Access(...) or @Public(); a route that declares nothing is refused, so a new route is closed until
 * someone decides who may use it. 401: no credential, or one that does not verify; 403: a known caller
 * whose role or plans do not allow the request; 429: too many failed authentications from the address.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly limiter: FailedAuthLimiter,
    private readonly sessions: WebSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access === undefined) throw forbidden('This route declares no access rule, so nobody may use it.');
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const viaSession = this.reflector.getAllAndOverride<boolean | undefined>(SESSION_KEY, [context.getHandler(), context.getClass()]);
    if (viaSession) return this.admitSession(request, access);
    if (access === 'public') return true;

    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const client = request.ip ?? request.socket?.remoteAddress ?? 'unknown';

    const wait = this.limiter.retryAfter(client);
    if (wait !== undefined) {
      reply.header('Retry-After', String(wait));
      throw new ProblemException({
        type: problemType('too-many-failed-authentications'),
        title: 'Too many failed authentications',
        status: 429,
        detail: `Too many failed authentications from your address; try again in ${wait} s.`,
      });
    }

    const credential = bearerOf(request.headers.authorization);
    if (credential === undefined) {
      reply.header('WWW-Authenticate', REALM);
      throw unauthenticated('Send Authorization: Bearer <token>.');
    }
    const outcome =
      credential.length > MAX_CREDENTIAL ? ({ kind: 'invalid' } as const) : await this.authenticator.authenticate(credential);
    if (outcome.kind === 'unavailable') {
      throw new ProblemException({
        type: problemType('identity-provider-unavailable'),
        title: 'Sign-in is unavailable',
        status: 503,
        detail: "The identity provider's signing keys could not be fetched; try again shortly.",
      });
    }
    if (outcome.kind === 'invalid') {
      this.limiter.recordFailure(client);
      reply.header('WWW-Authenticate', `${REALM}, error="invalid_token"`);
      throw unauthenticated('The bearer token is unknown, expired, revoked or not validly signed.');
    }

    return this.admit(request, outcome.principal, access);
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
    const decision = decideAccess(principal, access, planId);
    if (!decision.allowed) throw forbidden(decision.reason);
    return true;
  }
}

/** The token of an `Authorization: Bearer <token>` header; undefined when there is none (or another scheme). */
function bearerOf(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1];
}
