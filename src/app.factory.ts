import { INestApplication, ValidationError, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { createLogger } from './logging/logger';
import { PinoNestLogger } from './logging/nest-logger';
import { TrackerMetrics } from './metrics/tracker-metrics';
import { Projector } from './projections/projector';
import { AppConfig } from './config/config';
import { EventStore } from './event-store/event-store.port';
import { openEventStore } from './event-store/open-event-store';
import { SeedLoader } from './seeding/seed-loader';
import { BodyObjectPipe } from './web/body-object.pipe';
import { FieldError, malformedPathProblem, ProblemException, ProblemFilter, validationProblem } from './web/problem.filter';
import { observeRequests, requestIdOf } from './web/request-observer';

/** The largest request body read (1 MiB); a larger one is refused with 413. */
export const MAX_BODY_BYTES = 1_048_576;

export interface CreateAppOptions {
  config: AppConfig;
  /** A store opened by the caller (tests); otherwise the configured one is opened. */
  store?: EventStore;
  /** The store's clock, for tests that record facts at chosen instants. */
  clock?: () => Date;
  /** false: no log at all (tests); otherwise the JSON log on standard output at the configured level. */
  logger?: false;
}

function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    // A row of a list is named as a reader writes it: updates[3].rag, not updates.3.rag.
    const field = !parent ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ProblemException(validationProblem(fieldErrors(errors))),
  });

export async function createApp(options: CreateAppOptions): Promise<INestApplication> {
  const logger = createLogger(options.logger === false ? 'silent' : options.config.logLevel);
  const store =
    options.store ??
    openEventStore(options.config.eventStore, {
      clock: options.clock,
      writerThread: options.clock === undefined,
      onUpgrade: ({ what, done, total }) => logger.info({ context: 'EventStore', done, total }, `${what}: ${done} of ${total} events`),
    });
  // Fastify rather than Express: the same routes cost about half the CPU per request (measured: a bare
  // validated POST route answers 11 700/s against 5 900/s on this 2-core machine).
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // One line per request, written when it is answered (see observeRequests), not two.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdOf,
    bodyLimit: MAX_BODY_BYTES,
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false },
    // A path that cannot be decoded is refused before routing, so before Nest's filters: answer it alike.
    frameworkErrors: (error: Error, _request: FastifyRequest, reply: FastifyReply) =>
      void reply
        .status(400)
        .header('content-type', 'application/problem+json; charset=utf-8')
        .send(JSON.stringify(malformedPathProblem(error.message))),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options.config, store), adapter, {
    logger: options.logger === false ? false : new PinoNestLogger(logger),
  });
  const metrics = app.get(TrackerMetrics);
  metrics.watchLog(store, app.get(Projector));
  observeRequests(app.getHttpAdapter().getInstance(), metrics);
  app.useGlobalPipes(new BodyObjectPipe(), validationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  const docs = new DocumentBuilder()
    .setTitle('Improvement plan tracker')
    .setDescription('Children’s services improvement plans: RAG board, recommendations, Ofsted visits, with their full history.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, docs));
  await app.init();
  if (options.config.seed !== 'none') await app.get(SeedLoader).loadIfEmpty(options.config.seed);
  return app;
}

