import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException, toProblem } from '../web/problem.filter';
import { AuthenticatedRequest, isPageRoute, isPublicRoute } from './access.decorator';
import { RequestAuthentication } from './request-authentication';

/** Whether the request says a body follows its headers. */
const carriesBody = (request: FastifyRequest): boolean => {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
};

/**
 * Authenticates a request that carries a body from its headers, as soon as they have arrived and before
 * a byte of the body is read: a client with no valid credential is refused at once, and its connection
 * closed rather than left to send (or stall) a body nobody will read. The guard then finds the caller
 * already known; what the caller may do is still decided there, per route.
 */
@Injectable()
export class EarlyAuthentication implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authentication: RequestAuthentication,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    // No HTTP server in a command line's application context.
    if (!fastify?.addHook) return;
    // Not an async hook: a request with nothing to authenticate here (most reads) goes on at once, without a promise.
    fastify.addHook('onRequest', (request, reply, done) => {
      // A page's form is authenticated by its session cookie (and CSRF token) in the guard: no bearer header to read.
      if (!carriesBody(request) || isPublicRoute(request) || isPageRoute(request)) return done();
      this.authenticate(request as AuthenticatedRequest, reply).then(
        // Refused: the answer has been sent, and the request goes no further.
        () => reply.sent || done(),
        (error: Error) => done(error),
      );
    });
  }

  private async authenticate(request: AuthenticatedRequest, reply: FastifyReply): Promise<void> {
    try {
      request.principal = await this.authentication.principalOf(request, reply);
      request.actor = request.principal.actor;
    } catch (error) {
      if (!(error instanceof ProblemException)) throw error;
      const problem = toProblem(error);
      await reply
        .status(problem.status)
        .header('content-type', 'application/problem+json; charset=utf-8')
        .header('connection', 'close')
        .send(JSON.stringify(problem));
    }
  }
}
