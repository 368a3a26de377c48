import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { actorOf, HEADER_VALUE } from './request-context';

/** The request's id: the caller's X-Request-Id when it is a sensible one, else a new UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && HEADER_VALUE.test(given) ? given : randomUUID();
}

/** Told of every request once answered (the metrics keep its latency and status); the web layer knows no more of it. */
export interface AnsweredRequests {
  answered(method: string, route: string, status: number, seconds: number): void;
}

/**
 * Every request, once answered: its latency and status for the metrics, and one line of the JSON log
 * with the request id, the caller's actor id, method, URL (never a header, so never a token), status
 * and time taken. The id goes back in X-Request-Id, to be quoted when reporting a problem.
 */
export function observeRequests(fastify: FastifyInstance, metrics: AnsweredRequests): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const milliseconds = reply.elapsedTime;
    // The route's pattern, never its ids: a label per plan or per unknown path would grow without end.
    metrics.answered(request.method, request.routeOptions.url ?? 'unmatched', status, milliseconds / 1000);
    const actor = actorOf(request).id;
    request.log.info({ method: request.method, url: request.url, status, ms: Math.round(milliseconds * 100) / 100, actor }, 'request completed');
    done();
  });
}
