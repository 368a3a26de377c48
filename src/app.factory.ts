import { INestApplication, ValidationError, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { AppConfig } from './config/config';
import { EventStore } from './event-store/event-store.port';
import { openEventStore } from './event-store/open-event-store';
import { SeedLoader } from './seeding/seed-loader';
import { BodyObjectPipe } from './web/body-object.pipe';
import { FieldError, ProblemException, ProblemFilter, validationProblem } from './web/problem.filter';

export interface CreateAppOptions {
  config: AppConfig;
  /** A store opened by the caller (tests); otherwise the configured one is opened. */
  store?: EventStore;
  /** The store's clock, for tests that record facts at chosen instants. */
  clock?: () => Date;
  logger?: false;
}

function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
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
  const store = options.store ?? openEventStore(options.config.eventStore, options.clock);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options.config, store), {
    logger: options.logger === false ? false : ['error', 'warn', 'log'],
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: '1mb' });
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

