import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandsRefusedError } from '../domain/command';
import { DomainError } from '../domain/domain-error';
import { StoreUnavailableError, WrongExpectedRevisionError } from '../event-store/event-store.port';
import { FieldLimit, tooLargeFields } from './field-limits';

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** A 4xx or 5xx the product chose to answer, already in problem form. */
export class ProblemException extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

export const problemType = (slug: string) => `https://improvement-tracker.example/problems/${slug}`;

export const validationProblem = (errors: FieldError[]): Problem => ({
  type: problemType('validation'),
  title: 'The request is not valid',
  status: 400,
  detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
  errors,
});

export const malformedPathProblem = (detail: string): Problem => ({
  type: problemType('malformed-path'),
  title: 'The request path could not be read',
  status: 400,
  detail: `The request path is not valid: ${detail}`,
  errors: [{ field: 'path', message: 'must be a validly percent-encoded URL path' }],
});

/**
 * Every refused item of a batch as one 422: each named `<list>[<index>].<field>` so that a form or a
 * spreadsheet can show it on its row, its message naming the item (e.g. the milestone) when it does not already.
 */
export const refusalsProblem = (error: CommandsRefusedError, list: string): Problem => {
  const errors = error.refusals.map(({ index, label, message, field }) => ({
    field: `${list}[${index}]${field ? `.${field}` : ''}`,
    message: label && !message.includes(label) ? `${label}: ${message}` : message,
  }));
  return {
    type: problemType('rule'),
    title: 'The plan’s rules do not allow this',
    status: 422,
    detail: `${errors.length} of the ${list} ${errors.length === 1 ? 'was' : 'were'} refused, so nothing was recorded. ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
    errors,
  };
};

const DOMAIN_STATUS = { rule: 422, 'not-found': 404, 'already-exists': 409 } as const;
const DOMAIN_TITLE = {
  rule: 'The plan’s rules do not allow this',
  'not-found': 'Not found',
  'already-exists': 'Already exists',
} as const;

export function toProblem(error: unknown): Problem {
  if (error instanceof ProblemException) return error.problem;
  if (error instanceof CommandsRefusedError) return refusalsProblem(error, 'commands');
  if (error instanceof DomainError) {
    return {
      type: problemType(error.kind),
      title: DOMAIN_TITLE[error.kind],
      status: DOMAIN_STATUS[error.kind],
      detail: error.message,
      ...(error.field ? { errors: [{ field: error.field, message: error.message }] } : {}),
    };
  }
  if (error instanceof WrongExpectedRevisionError) {
    return {
      type: problemType('revision-conflict'),
      title: 'Someone else changed this first',
      status: 409,
      detail: `Expected revision ${error.expected} but it is now at revision ${error.actual}. Reload and try again.`,
      errors: [{ field: 'expectedRevision', message: `the current revision is ${error.actual}` }],
      currentRevision: error.actual,
    };
  }
  if (error instanceof StoreUnavailableError) {
    return {
      type: problemType('store-unavailable'),
      title: 'The event store is unavailable',
      status: 503,
      // An unconfirmed append says itself what the client should do; otherwise nothing was recorded.
      detail: error.unconfirmed ? error.message : `${error.message}. Nothing was recorded. Please try again shortly.`,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
    // Our own 400s are ProblemExceptions; a bare 400 or 413 comes from reading the body (malformed JSON, too large).
    if (status === 400 || status === 413) {
      return {
        type: problemType('malformed-body'),
        title: 'The request body could not be read',
        status,
        detail: status === 413 ? 'The request body is too large (1 MB at most)' : `The request body is not valid JSON: ${detail}`,
        errors: [{ field: 'body', message: status === 413 ? 'too large: 1 MB at most' : 'must be a valid JSON object' }],
      };
    }
    return { type: problemType(`http-${status}`), title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'Error', status, detail };
  }
  return {
    type: problemType('internal'),
    title: 'Internal error',
    status: 500,
    detail: 'Something went wrong on our side. Nothing was recorded. Please try again.',
  };
}

/** When a client may try again after the event store could not be reached: a dropped connection is soon back. */
const STORE_RETRY_AFTER_SECONDS = 2;

/** The text fields a route takes and their limits, by `METHOD /route/:param` (see field-limits.ts). */
export type RouteFieldLimits = (route: string) => FieldLimit[] | undefined;

/**
 * The body of a request whose client went away, or was cut off at the request deadline, before it had
 * all arrived: nobody is left to answer, and nothing went wrong on our side.
 */
const isAbandonedBody = (error: unknown): boolean =>
  error instanceof Error && ((error as NodeJS.ErrnoException).code === 'ECONNRESET' || error.message === 'aborted');

/** Answers errors of requests that are not for the API (a person's browser) with pages instead. */
export interface ErrorPages {
  handles(request: FastifyRequest): boolean;
  render(problem: Problem, request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

/** The one place errors become HTTP answers: RFC 9457 application/problem+json, or an error page. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(
    private readonly fieldLimits: RouteFieldLimits = () => undefined,
    private readonly pages?: ErrorPages,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (isAbandonedBody(error)) {
      this.logger.debug('A request body stopped arriving before its end; the connection is closed');
      if (!reply.raw.headersSent && !reply.raw.destroyed) void reply.status(400).header('connection', 'close').send();
      return;
    }
    const problem = this.withFieldLimits(toProblem(error), request);
    if (problem.status >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (error instanceof StoreUnavailableError) void reply.header('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
    if (this.pages && request && this.pages.handles(request)) {
      void this.pages.render(problem, request, reply);
      return;
    }
    void reply
      .status(problem.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(JSON.stringify(problem));
  }

  /** A body too large for any request: say what this route's own fields take, which is far less. */
  private withFieldLimits(problem: Problem, request: FastifyRequest | undefined): Problem {
    if (problem.status !== 413 || !request?.routeOptions?.url) return problem;
    const limits = this.fieldLimits(`${request.method} ${request.routeOptions.url}`);
    if (!limits || limits.length === 0) return problem;
    const fields = tooLargeFields(limits);
    return { ...problem, detail: `${problem.detail}. ${fields.detail}`, errors: [...(problem.errors ?? []), ...fields.errors] };
  }
}
