import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException, problemType } from '../web/problem.filter';
import { Principal } from './access-policy';
import { Authenticator } from './authenticator';
import { FailedAuthLimiter } from './failed-auth-limiter';

const REALM = 'Bearer realm="improvement-plan-tracker"';
const MAX_CREDENTIAL = 8192;

export const unauthenticated = (detail: string) =>
  new ProblemException({ type: problemType('unauthenticated'), title: 'Authentication required', status: 401, detail });

/**
 * Who sent a request, from its Authorization header alone. A valid credential is always accepted; the
 * failed-authentication limit only changes how an invalid one is refused (429 rather than 401), so a
 * client that sends bad tokens from an address the council shares (a proxy's) locks nobody else out.
 */
@Injectable()
export class RequestAuthentication {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly limiter: FailedAuthLimiter,
  ) {}

  /** The caller; otherwise throws the ProblemException to answer (401, 429, or 503 when sign-in is unavailable). */
  async principalOf(request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
    const credential = bearerOf(request.headers.authorization);
    if (credential === undefined) {
      void reply.header('WWW-Authenticate', REALM);
      throw unauthenticated('Send Authorization: Bearer <token>.');
    }
    const outcome =
      credential.length > MAX_CREDENTIAL ? ({ kind: 'invalid' } as const) : await this.authenticator.authenticate(credential);
    if (outcome.kind === 'ok') return outcome.principal;
    if (outcome.kind === 'unavailable') {
      throw new ProblemException({
        type: problemType('identity-provider-unavailable'),
        title: 'Sign-in is unavailable',
        status: 503,
        detail: "The identity provider's signing keys could not be fetched; try again shortly.",
      });
    }
    const client = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
    const wait = this.limiter.retryAfter(client);
    if (wait !== undefined) {
      void reply.header('Retry-After', String(wait));
      throw new ProblemException({
        type: problemType('too-many-failed-authentications'),
        title: 'Too many failed authentications',
        status: 429,
        detail: `Too many failed authentications from your address; try again in ${wait} s.`,
      });
    }
    this.limiter.recordFailure(client);
    void reply.header('WWW-Authenticate', `${REALM}, error="invalid_token"`);
    throw unauthenticated('The bearer token is unknown, expired, revoked or not validly signed.');
  }
}

/** The token of an `Authorization: Bearer <token>` header; undefined when there is none (or another scheme). */
export function bearerOf(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1];
}
