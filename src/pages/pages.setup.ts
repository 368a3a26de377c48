import csrfProtection from '@fastify/csrf-protection';
import formBody from '@fastify/formbody';
import { PAGE_POLICY } from './layout/content-security';
import { securityHeaders } from './layout/security-headers';
import secureSession from '@fastify/secure-session';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import { Logger, UnsupportedMediaTypeException } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { basename, dirname, join } from 'node:path';
import * as nunjucks from 'nunjucks';
import { sessionCookie } from '../access/web-session/session-cookie';
import { AppConfig } from '../config/config';
import { toProblem } from '../web/problem.filter';
import { isPageRequest } from './layout/page-errors';
import { configureTemplates } from './layout/template-helpers';

const isForm = (type: string | undefined): boolean => /^application\/x-www-form-urlencoded\b/i.test(type ?? '');
const carriesBody = (headers: Record<string, string | string[] | undefined>): boolean =>
  headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');

/** Where the page templates are: beside this file, in the source tree as in the build. */
export const PAGES_DIR = __dirname;
/** GOV.UK Frontend as published: its Nunjucks macros, styles, scripts, fonts and images, served from the package. */
const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
const GOVUK_BUNDLES = new Set(['govuk-frontend.min.css', 'govuk-frontend.min.js']);

/** The API documentation (Swagger UI) writes its own inline styles and data: icons. */
const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

/**
 * What the web pages need of the HTTP server: security headers, form bodies, the encrypted session
 * cookie and its CSRF secret, GOV.UK Frontend's assets and the Nunjucks views. Registered before the
 * application starts, so every route (the API's too) gets the security headers.
 */
export async function setUpWebPages(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const headers = securityHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    reply.raw.setHeader('Content-Security-Policy', request.url.startsWith('/api/docs') ? DOCS_CSP : PAGE_POLICY);
    done();
  });
  await app.register(formBody, { bodyLimit: fastify.initialConfig.bodyLimit });
  // Forms are for the pages: the API reads JSON only, and answers a form body as it answers any other type.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (isPageRequest(request.url) || !isForm(request.headers['content-type']) || !carriesBody(request.headers)) return done();
    const problem = toProblem(
      new UnsupportedMediaTypeException('Send the request body as JSON (Content-Type: application/json)'),
    );
    void reply
      .status(problem.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(JSON.stringify(problem));
  });
  const session = sessionCookie(config);
  if (session.ephemeral) {
    new Logger('Sessions').warn(
      'SESSION_SECRET is not set: web sessions use a key made up at this start, so everyone is signed out when the server restarts.',
    );
  }
  await app.register(secureSession, {
    cookieName: session.cookieName,
    key: session.key,
    cookie: session.cookie,
    expiry: session.expiry,
  });
  await app.register(csrfProtection, { sessionPlugin: '@fastify/secure-session' });
  await app.register(fastifyStatic, {
    root: [join(GOVUK_DIST, 'govuk', 'assets'), join(PAGES_DIR, 'layout', 'assets'), join(GOVUK_DIST, 'govuk')],
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    maxAge: '1h',
    // Of the package's own folder only its two bundles are served; its templates and sources are not.
    allowedPath: (path, root) => root !== join(GOVUK_DIST, 'govuk') || GOVUK_BUNDLES.has(basename(path)),
  });
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [PAGES_DIR, GOVUK_DIST],
    options: {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
      onConfigure: configureTemplates,
    },
  });
}
