import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ANONYMOUS, Actor } from '../domain/actor';
import { CommandContext } from '../domain/command';
import { fingerprint } from '../platform/ids';
import { ProblemException, validationProblem } from './problem.filter';
import { expectedRevisionOf, revisionOfIfMatch } from './revision-tags';


/** A header value this product accepts as a key or an id: 1 to 200 visible ASCII characters. */
export const HEADER_VALUE = /^[\x21-\x7e]{1,200}$/;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !HEADER_VALUE.test(value)) {
    throw new ProblemException(validationProblem([{ field: name, message: 'must be 1 to 200 visible ASCII characters' }]));
  }
  return value;
}

/** The authenticated caller, once authentication has set one; otherwise the anonymous principal. */
export const actorOf = (request: FastifyRequest): Actor => (request as FastifyRequest & { actor?: Actor }).actor ?? ANONYMOUS;

/**
 * Builds the command context of a write request: who acts, the correlation id (X-Request-Id or new),
 * the Idempotency-Key and a fingerprint of the request so a reused key for another request is refused.
 */
export const WriteContext = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  const idempotencyKey = header(request, 'Idempotency-Key');
  const body = (request.body ?? {}) as { expectedRevision?: unknown };
  const expectedRevision = expectedRevisionOf(revisionOfIfMatch(request.headers['if-match']), body.expectedRevision);
  return {
    actor: actorOf(request),
    // The request's id (the caller's X-Request-Id, or one made for it), as the log names it.
    correlationId: header(request, 'X-Request-Id') ?? (request.id || randomUUID()),
    commandId: randomUUID(),
    ...(idempotencyKey ? { idempotencyKey, requestHash: fingerprint({ path: request.url.split('?')[0], body: request.body }) } : {}),
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
  };
});
