import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Actor } from '../domain/actor';
import { AccessLevel, PlanScope, Principal } from './access-policy';

export const ACCESS_KEY = 'tracker:access';
/** `metrics`: the metrics scrape token (METRICS_TOKEN), or an admin. */
export type RouteAccess = AccessLevel | 'public' | 'metrics';

/** What the guard leaves on the request for the handler: the caller, and through it the actor of every event. */
export type AuthenticatedRequest = FastifyRequest & { actor?: Actor; principal?: Principal };

/**
 * Declares what a route needs; the one global guard enforces it (a route without a declaration is refused).
 * On a route with `:planId` in its path the caller must also have that plan.
 */
export const Access = (level: AccessLevel) =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, level),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No bearer token, or one that is unknown, expired, revoked or wrongly signed' }),
    ApiForbiddenResponse({ description: `The caller's role or plans do not allow this (needs ${level} access)` }),
    ApiTooManyRequestsResponse({ description: 'Too many failed authentications from this address; see Retry-After' }),
  );

/** For Prometheus: the scrape token given in METRICS_TOKEN, which may read nothing else, or an admin's. */
export const MetricsScrape = () =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, 'metrics' satisfies RouteAccess),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No bearer token, or one that is neither the metrics token nor a valid one' }),
    ApiForbiddenResponse({ description: 'A valid token, but not an admin’s' }),
    ApiTooManyRequestsResponse({ description: 'Too many failed authentications from this address; see Retry-After' }),
  );

/** Open to anyone, without a token: only the health check and the API docs. */
export const Public = () =>
  applyDecorators(SetMetadata(ACCESS_KEY, 'public' satisfies RouteAccess), RouteConfig({ public: true }));

/** Whether the route a request matched is open to anyone, as the HTTP server sees it before any of Nest runs. */
export const isPublicRoute = (request: FastifyRequest): boolean =>
  (request.routeOptions.config as { public?: boolean }).public === true;

/** Web pages take their caller from the session cookie, never from a bearer token; API routes the other way round. */
export const SESSION_KEY = 'tracker:session';

/**
 * A web page and what it needs: the signed-in person's session stands in for the bearer token. Someone
 * not signed in is sent to the sign-in page and back; `public` pages (signing in) need no session.
 */
export const Page = (level: RouteAccess) =>
  applyDecorators(SetMetadata(ACCESS_KEY, level), SetMetadata(SESSION_KEY, true), RouteConfig({ page: true }));

/** Whether the route a request matched is a web page (its caller comes from the session), as the HTTP server sees it. */
export const isPageRoute = (request: FastifyRequest): boolean => (request.routeOptions.config as { page?: boolean }).page === true;

/** The plans the caller may see (`"*"` for all), for reads that list plans, such as the portfolio. */
export const VisiblePlans = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): PlanScope => ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal?.plans ?? [],
);
