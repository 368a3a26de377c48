import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ProblemException, problemType } from '../web/problem.filter';
import { ACCESS_KEY, AuthenticatedRequest, RouteAccess } from './access.decorator';
import { decideAccess } from './access-policy';
import { bearerOf, RequestAuthentication } from './request-authentication';
import { sameSecret } from './token-secret';

const forbidden = (detail: string) =>
  new ProblemException({ type: problemType('forbidden'), title: 'Not allowed', status: 403, detail });

/**
 * The one place access is enforced (registered as APP_GUARD). Each route declares what it needs with
 * @Access(...) or @Public(); a route that declares nothing is refused, so a new route is closed until
 * someone decides who may use it. 401: no credential, or one that does not verify; 403: a known caller
 * whose role or plans do not allow the request; 429: too many failed authentications from the address.
 * A request with a body was already authenticated from its headers (see EarlyAuthentication).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authentication: RequestAuthentication,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access === undefined) throw forbidden('This route declares no access rule, so nobody may use it.');
    if (access === 'public') return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (access === 'metrics' && this.isMetricsToken(request.headers.authorization)) return true;
    const principal = request.principal ?? (await this.authentication.principalOf(request, reply));
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
    return this.config.metricsToken !== undefined && credential !== undefined && sameSecret(credential, this.config.metricsToken);
  }
}
