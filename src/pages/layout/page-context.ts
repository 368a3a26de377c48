import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedRequest } from '../../access/access.decorator';
import { AccessLevel, decideAccess, Principal } from '../../access/access-policy';
import { sessionOf } from '../../access/web-session/session';
import { CommandContext } from '../../domain/command';
import { ProblemException, validationProblem } from '../../web/problem.filter';
import { pageNonce } from './content-security';
import { parseTimeTravel, TimeTravel, withMoment } from './time-travel';

export type PageRequest = AuthenticatedRequest & { query: Record<string, unknown> };
type PageReply = FastifyReply & { generateCsrf?: () => string };

/** A one-off message shown on the next page, once: what was just recorded. */
export interface Flash {
  title: string;
  html?: string;
  text?: string;
}

/** What every page knows of its request: who, which moment, and how to link and post. */
export class PageContext {
  constructor(
    readonly request: PageRequest,
    readonly reply: PageReply,
    readonly timeTravel: TimeTravel,
  ) {}

  get principal(): Principal | undefined {
    return this.request.principal;
  }

  get cut() {
    return this.timeTravel.cut;
  }

  /** True when the page shows another moment than now: forms are then closed. */
  get inThePast(): boolean {
    return this.timeTravel.given.asOf !== undefined || this.timeTravel.given.knownAt !== undefined;
  }

  /** The request's path, without its query. */
  get path(): string {
    return this.request.url.split('?')[0]!;
  }

  /** May the signed-in person do this, on this plan? */
  may(level: AccessLevel, planId?: string): boolean {
    return this.principal !== undefined && decideAccess(this.principal, level, planId).allowed;
  }

  /** A link that keeps the moment shown. */
  link(path: string, extra: Record<string, string | undefined> = {}): string {
    return withMoment(path, this.timeTravel.given, extra);
  }

  csrfToken(): string {
    return this.reply.generateCsrf?.() ?? '';
  }

  private nonce: string | undefined;

  /** This page's nonce for its inline script, made (with its Content-Security-Policy header) when first asked for. */
  get cspNonce(): string {
    this.nonce ??= pageNonce(this.reply);
    return this.nonce;
  }

  flash(message: Flash): void {
    sessionOf(this.request)?.set('flash', message);
  }

  takeFlash(): Flash | undefined {
    const session = sessionOf(this.request);
    const message = session?.get('flash') as Flash | undefined;
    if (message) session!.set('flash', undefined);
    return message;
  }
}

/** The context of a command sent from a page's form: the signed-in person acts, as through the API's WriteContext. */
export const commandContext = (ctx: PageContext): CommandContext => ({
  actor: ctx.principal!.actor,
  correlationId: randomUUID(),
  commandId: randomUUID(),
});

/** The moment asked for, or a 400 page naming the field when the address holds a date that is not one. */
export function pageContextOf(request: FastifyRequest, reply: FastifyReply): PageContext {
  const parsed = parseTimeTravel((request.query ?? {}) as Record<string, unknown>);
  if (!parsed.ok) {
    throw new ProblemException({ ...validationProblem(parsed.errors), timeTravel: parsed.given });
  }
  return new PageContext(request as PageRequest, reply as PageReply, parsed.timeTravel);
}

export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): PageContext => {
  const http = ctx.switchToHttp();
  return pageContextOf(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
});
