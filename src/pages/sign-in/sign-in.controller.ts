import { Body, Controller, Get, Inject, Post, Query, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Page } from '../../access/access.decorator';
import { Authenticator } from '../../access/authenticator';
import { FailedAuthLimiter } from '../../access/failed-auth-limiter';
import { TOKEN_PREFIX } from '../../access/token-secret';
import { OIDC_SIGN_IN, OidcSignIn, PendingSignIn } from '../../access/web-session/oidc-sign-in';
import { sessionOf } from '../../access/web-session/session';
import { WebSessions } from '../../access/web-session/web-sessions';
import { ProblemException, problemType } from '../../web/problem.filter';
import { CsrfGuard } from '../layout/csrf.guard';
import { render } from '../layout/frame';
import { formText } from '../layout/form';
import { Ctx, PageContext } from '../layout/page-context';
import { safeReturnTo } from '../layout/page-errors';

const ENDED: Record<string, string> = {
  expired: 'You were signed out because you signed in more than 8 hours ago. Sign in again to carry on.',
  'token-invalid': 'You were signed out because your access token has been revoked or has expired. Sign in with a current one.',
};

const MAX_TOKEN = 8192;
const PENDING = 'pendingSignIn';

/** Signing in with an access token or through the organisation's identity provider, and signing out. */
@ApiExcludeController()
@Controller()
export class SignInController {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly sessions: WebSessions,
    private readonly limiter: FailedAuthLimiter,
    @Inject(OIDC_SIGN_IN) private readonly sso: OidcSignIn | null,
  ) {}

  @Get('sign-in')
  @Page('public')
  async show(@Ctx() ctx: PageContext, @Query() query: Record<string, unknown>): Promise<void> {
    const ended = typeof query.ended === 'string' ? ENDED[query.ended] : undefined;
    await this.page(ctx, safeReturnTo(query.returnTo), {
      ...(ended ? { notice: ended } : {}),
      ...(query.signedOut === '1' ? { signedOut: true } : {}),
    });
  }

  @Post('sign-in')
  @Page('public')
  @UseGuards(CsrfGuard)
  async signIn(@Ctx() ctx: PageContext, @Body() body: Record<string, unknown>): Promise<void> {
    const returnTo = safeReturnTo(body.returnTo);
    const token = formText(body.token);
    if (token === '') return this.page(ctx, returnTo, { error: 'Enter your access token' }, 400);
    const outcome = token.length > MAX_TOKEN ? ({ kind: 'invalid' } as const) : await this.authenticator.authenticate(token);
    if (outcome.kind !== 'ok' || !outcome.principal.role) {
      // As for the API: a valid token is always accepted; too many wrong ones from an address are answered 429.
      const client = ctx.request.ip ?? 'unknown';
      const wait = this.limiter.retryAfter(client);
      if (wait !== undefined) {
        ctx.reply.header('Retry-After', String(wait));
        throw new ProblemException({
          type: problemType('too-many-failed-authentications'),
          title: 'Too many failed sign-ins',
          status: 429,
          detail: `Too many sign-ins failed from your address. Wait ${wait} seconds, then try again.`,
        });
      }
      this.limiter.recordFailure(client);
      const hint =
        token.startsWith(TOKEN_PREFIX) || !this.sso ? '' : ' To sign in with your organisation’s account, use the button above.';
      return this.page(
        ctx,
        returnTo,
        { error: `The access token is not valid: check it, or ask an administrator for a new one.${hint}` },
        401,
      );
    }
    this.sessions.signIn(ctx.request, { kind: 'token', token, since: Date.now() });
    newFormSecret(ctx);
    await ctx.reply.status(303).header('location', returnTo).send();
  }

  @Get('sign-in/sso')
  @Page('public')
  async startSso(@Ctx() ctx: PageContext, @Query() query: Record<string, unknown>): Promise<void> {
    if (!this.sso) throw unavailable('Single sign-on is not set up for this service.');
    const started = await this.sso.start(safeReturnTo(query.returnTo));
    if (!('url' in started)) throw unavailable('Your organisation’s sign-in service could not be reached.');
    sessionOf(ctx.request)?.set(PENDING, started.pending);
    await ctx.reply.status(303).header('location', started.url).send();
  }

  @Get('sign-in/callback')
  @Page('public')
  async finishSso(@Ctx() ctx: PageContext): Promise<void> {
    const pending = sessionOf(ctx.request)?.get(PENDING) as PendingSignIn | undefined;
    if (!this.sso) throw unavailable('Single sign-on is not set up for this service.');
    if (!pending)
      return this.page(
        ctx,
        '/',
        { error: 'Signing in with your organisation took too long or was started elsewhere. Try again.' },
        400,
      );
    const outcome = await this.sso.finish(ctx.request.url, pending);
    sessionOf(ctx.request)?.set(PENDING, undefined);
    if (outcome.kind === 'unavailable') throw unavailable('Your organisation’s sign-in service could not be reached.');
    if (outcome.kind === 'refused')
      return this.page(ctx, pending.returnTo, { error: `You were not signed in: ${outcome.reason}` }, 401);
    if (!outcome.principal.role) {
      return this.page(
        ctx,
        pending.returnTo,
        {
          error:
            'Your organisation signed you in, but your account has no role in this service. Ask your administrator to give you one.',
        },
        403,
      );
    }
    this.sessions.signIn(ctx.request, { kind: 'sso', principal: outcome.principal, since: Date.now() });
    newFormSecret(ctx);
    await ctx.reply.status(303).header('location', pending.returnTo).send();
  }

  @Post('sign-out')
  @Page('public')
  @UseGuards(CsrfGuard)
  async signOut(@Ctx() ctx: PageContext): Promise<void> {
    this.sessions.signOut(ctx.request);
    await ctx.reply.status(303).header('location', '/sign-in?signedOut=1').send();
  }

  private page(
    ctx: PageContext,
    returnTo: string,
    extra: { error?: string; notice?: string; signedOut?: boolean },
    status = 200,
  ) {
    return render(
      ctx,
      'sign-in/sign-in.njk',
      {
        pageTitle: 'Sign in',
        returnTo,
        sso: this.sso !== null,
        ssoHref: `/sign-in/sso?returnTo=${encodeURIComponent(returnTo)}`,
        csrfToken: ctx.csrfToken(),
        ...extra,
        errors: extra.error ? [{ field: 'token', message: extra.error }] : [],
      },
      status,
    );
  }
}

/**
 * A new session gets its own CSRF secret at once, in the cookie that signs the person in, so the pages
 * that follow only read the session and never write the cookie again.
 */
const newFormSecret = (ctx: PageContext): void => void ctx.csrfToken();

const unavailable = (detail: string) =>
  new ProblemException({ type: problemType('sign-in-unavailable'), title: 'Sign-in is unavailable', status: 503, detail });
