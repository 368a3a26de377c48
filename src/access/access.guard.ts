import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { ProblemException, problemType } from '../web/problem.filter';
import { ACCESS_KEY, AuthenticatedRequest, RouteAccess } from './access.decorator';
import { decideAccess } from './access-policy';
import { RequestAuthentication } from './request-authentication';

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
    const principal = request.principal ?? (await this.authentication.principalOf(request, reply));
    request.principal = principal;
    request.actor = principal.actor;
    const params = request.params as Record<string, unknown> | undefined;
    const planId = typeof params?.planId === 'string' ? params.planId : undefined;
    const decision = decideAccess(principal, access, planId);
    if (!decision.allowed) throw forbidden(decision.reason);
    return true;
  }
}
