import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import multipart from '@fastify/multipart';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { systemClock } from './config/clock';
import { createLogger } from './logging/logger';
import { PinoNestLogger } from './logging/nest-logger';
import { TrackerMetrics } from './metrics/tracker-metrics';
import { Projector } from './projections/engine/projector';
import { AppConfig } from './config/config';
import { clockOf } from './domain/clock';
import { EventStore } from './event-store/event-store.port';
import { openEventStore } from './event-store/open-event-store';
import { PageErrors } from './pages/layout/page-errors';
import { setUpWebPages } from './pages/pages.setup';
import { SeedLoader } from './seeding/seed-loader';
import { BodyObjectPipe } from './web/body-object.pipe';
import { httpServerOptions } from './web/http-server-options';
import { readBodies } from './web/request-bodies';
import { FieldLimit, fieldLimitsOf } from './web/field-limits';
import { withProblems } from './web/api-problems';
import { ProblemDto } from './web/problem.dto';
import { malformedPathProblem, ProblemException, ProblemFilter, validationProblem } from './web/problem.filter';
import { observeRequests, requestIdOf } from './web/request-observer';
import { showActorsAsEachRoleMay } from './access/actor-view';
import { canonicaliseIds } from './projections/shared/canonical-ids.hook';
import { CanonicalIds } from './projections/shared/canonical-ids';
import { fieldErrors } from './web/validate-body';
import { TrackerFastifyAdapter } from './web/fastify-adapter';

export interface CreateAppOptions {
  config: AppConfig;
  /** A store opened by the caller (tests); otherwise the configured one is opened. */
  store?: EventStore;
  /**
   * The one clock (commands' `now`, and recorded times when the store is opened here), for tests that
   * record facts at chosen instants; a store given must read the same one.
   */
  clock?: () => Date;
  /** false: no log at all (tests); otherwise the JSON log on standard output at the configured level. */
  logger?: false;
  /** Where the JSON log goes: standard output unless given (a test reads what is written). */
  logTo?: { write(line: string): unknown };
}

export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ProblemException(validationProblem(fieldErrors(errors))),
  });

export async function createApp(options: CreateAppOptions): Promise<INestApplication> {
  const logger = createLogger(options.logger === false ? 'silent' : options.config.logLevel, options.logTo);
  const clock = options.clock ? clockOf(options.clock) : systemClock;
  const store =
    options.store ??
    openEventStore(options.config.eventStore, {
      clock: () => clock.now(),
      onUpgrade: ({ what, done, total }) => logger.info({ context: 'EventStore', done, total }, `${what}: ${done} of ${total} events`),
    });
  // Fastify rather than Express: the same routes cost less CPU per request (see the README's performance notes).
  const adapter = new TrackerFastifyAdapter({
    ...httpServerOptions(options.config.http),
    loggerInstance: logger,
    // One line per request, written when it is answered (see observeRequests), not two.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdOf,
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false },
    // A path that cannot be decoded is refused before routing, so before Nest's filters: answer it alike.
    frameworkErrors: (error: Error, _request: FastifyRequest, reply: FastifyReply) =>
      void reply
        .status(400)
        .header('content-type', 'application/problem+json; charset=utf-8')
        .send(JSON.stringify(malformedPathProblem(error.message))),
  });
  readBodies(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options.config, store, clock), adapter, {
    logger: options.logger === false ? false : new PinoNestLogger(logger),
    // JSON is read as readBodies says, forms by @fastify/formbody (registered with the pages).
    bodyParser: false,
  });
  const metrics = app.get(TrackerMetrics);
  metrics.watchLog(store, app.get(Projector));
  const fastify = app.getHttpAdapter().getInstance();
  observeRequests(fastify, metrics);
  canonicaliseIds(fastify, app.get(CanonicalIds));
  showActorsAsEachRoleMay(fastify);
  // Uploaded returns are read by their route, which sets its own limits (see receive-file.ts).
  await app.register(multipart);
  await setUpWebPages(app, options.config);
  app.useGlobalPipes(new BodyObjectPipe(), validationPipe());
  const docs: Omit<OpenAPIObject, 'paths'> = new DocumentBuilder()
    .setTitle('Improvement plan tracker')
    .setDescription(
      'Children’s services improvement plans: RAG board, recommendations, Ofsted visits, with their full history. ' +
        'The OpenAPI document itself, for code generators and API clients: [/api/docs-json](/api/docs-json). ' +
        'Every error is application/problem+json (RFC 9457), naming the field at fault.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  let document: OpenAPIObject | undefined;
  let limits: Map<string, FieldLimit[]> | undefined;
  const documentOf = () => (document ??= withProblems(SwaggerModule.createDocument(app, docs, { extraModels: [ProblemDto] })));
  // Read from the API documentation when a body is first refused as too large, not on every start.
  app.useGlobalFilters(new ProblemFilter((route) => (limits ??= fieldLimitsOf(documentOf())).get(route), new PageErrors()));
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, documentOf, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'Improvement plan tracker API' });
  await app.init();
  if (options.config.seed !== 'none') await app.get(SeedLoader).loadOnStart(options.config.seed);
  return app;
}
