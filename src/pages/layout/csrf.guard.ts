import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException, problemType } from '../../web/problem.filter';

type WithCsrf = FastifyInstance & {
  csrfProtection(request: FastifyRequest, reply: FastifyReply, next: () => void): void;
};

/**
 * Every form a page posts carries the session's CSRF token (`_csrf`); a post without it, or with
 * another session's, is refused with the "form has expired" page and records nothing.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await verifyCsrf(this.adapterHost, context.switchToHttp().getRequest<FastifyRequest>());
    return true;
  }
}

/**
 * The check itself, for a form whose body the route reads (a file upload): its token as the form sent
 * it, before the file. Rejects with the "form has expired" page.
 */
export function verifyCsrf(adapterHost: HttpAdapterHost, request: FastifyRequest, token?: string): Promise<void> {
  const fastify = adapterHost.httpAdapter.getInstance<WithCsrf>();
  const checked = token === undefined ? request : (Object.assign(Object.create(request) as FastifyRequest, { body: { _csrf: token } }) as FastifyRequest);
  return new Promise((resolve, reject) => {
    // The plugin answers a refusal by sending it on the reply; here it becomes the page's own 403.
    const refuse = { send: () => reject(expired()) } as unknown as FastifyReply;
    fastify.csrfProtection(checked, refuse, () => resolve());
  });
}

const expired = () =>
  new ProblemException({
    type: problemType('form-expired'),
    title: 'The form has expired',
    status: 403,
    detail: 'The form was sent without a valid security token, so nothing was recorded.',
    csrf: true,
  });
