import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from '@nestjs/common';
import { AuthenticatedRequest } from '../../access/access.decorator';
import { FieldError, Problem } from '../../web/problem.filter';
import { frameOf, PageModel, ROLE_ALLOWS } from './frame';
import { PageContext, PageRequest } from './page-context';
import { roleWords, withArticle } from './people';
import { parseTimeTravel } from './time-travel';

/** Not the API, the health checks or the metrics (machines read those, as problem+json). */
export const isPageRequest = (url: string): boolean => !/^\/(api|health|metrics)(\/|$|\?)/i.test(url);

/** A relative address on this site to come back to after signing in (never another site). */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && value.length <= 2000 ? value : '/';
}

interface ErrorPage {
  heading: string;
  paragraphs: string[];
  allows?: string[];
}

function pageFor(problem: Problem, request: AuthenticatedRequest): ErrorPage {
  switch (problem.status) {
    case 400:
      return problem.timeTravel
        ? {
            heading: 'There is a problem with the moment asked for',
            paragraphs: ['The date or time in the address could not be read. Correct it below.'],
          }
        : { heading: 'There is a problem with the address', paragraphs: [problem.detail] };
    case 403: {
      if (problem.csrf) {
        return {
          heading: 'This form has expired',
          paragraphs: ['Nothing was recorded. Go back, reload the page and send the form again.'],
        };
      }
      const role = request.principal?.role;
      return {
        heading: 'You cannot see this page',
        paragraphs: [problem.detail, ...(role ? [`As ${withArticle(roleWords(role))}, you can:`] : [])],
        ...(role ? { allows: ROLE_ALLOWS[role] } : {}),
      };
    }
    case 404:
      // Something the address names is not in the plan, or was not yet recorded at the moment asked for.
      if (problem.errors?.some((e) => /Id$/.test(e.field))) return { heading: 'Not found', paragraphs: [problem.detail] };
      return {
        heading: 'Page not found',
        paragraphs: [
          'If you typed the web address, check it is correct.',
          'If you pasted the web address, check you copied the entire address.',
        ],
      };
    case 413:
      return {
        heading: 'The form was too large to send',
        paragraphs: ['Nothing was recorded. Shorten what you wrote and try again.'],
      };
    case 429:
      return { heading: 'Too many attempts', paragraphs: [problem.detail] };
    case 503:
      return { heading: 'Sorry, the service is unavailable', paragraphs: [problem.detail, 'Try again in a few minutes.'] };
    default:
      return problem.status >= 500
        ? {
            heading: 'Sorry, there is a problem with the service',
            paragraphs: ['Nothing was recorded. Try again later.'],
          }
        : { heading: problem.title, paragraphs: [problem.detail] };
  }
}

/**
 * The error pages: 403 says what the role may do, 404 and 500 say what to do next (never a stack trace),
 * and a page opened without a session sends the person to sign in and back.
 */
export class PageErrors {
  private readonly logger = new Logger('Pages');

  handles(request: FastifyRequest): boolean {
    return isPageRequest(request.url);
  }

  async render(problem: Problem, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (problem.status === 401 && problem.signIn) {
      const returnTo = safeReturnTo(request.url);
      const ended = problem.signIn === 'required' ? '' : `&ended=${String(problem.signIn)}`;
      await reply
        .status(303)
        .header('location', `/sign-in?returnTo=${encodeURIComponent(returnTo)}${ended}`)
        .send();
      return;
    }
    const page = pageFor(problem, request as AuthenticatedRequest);
    const parsed = parseTimeTravel({});
    const timeTravelGiven = (problem.timeTravel ?? {}) as Record<string, string>;
    const ctx = new PageContext(request as PageRequest, reply, parsed.ok ? parsed.timeTravel : (undefined as never));
    const errors = (problem.errors ?? []) as FieldError[];
    const model: PageModel = { pageTitle: page.heading, page, status: problem.status };
    try {
      const frame = frameOf(ctx, model, problem.timeTravel ? errors : []);
      if (problem.timeTravel) {
        frame.timeTravel.asOf = timeTravelGiven.asOf ?? '';
        frame.timeTravel.knownAt = timeTravelGiven.knownAt ?? '';
      }
      const html = await reply.viewAsync('layout/error.njk', { ...model, errors: problem.timeTravel ? errors : [], frame });
      await reply
        .status(problem.status)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(html);
    } catch (error) {
      this.logger.error(
        `The error page could not be shown: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      await reply.status(problem.status).header('content-type', 'text/plain; charset=utf-8').send(`${page.heading}\n`);
    }
  }
}
