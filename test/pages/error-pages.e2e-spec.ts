import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AddressInfo } from 'node:net';
import { Page } from '../../src/access/access.decorator';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/config';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { PageErrors } from '../../src/pages/layout/page-errors';
import { setUpWebPages } from '../../src/pages/pages.setup';
import { ProblemFilter } from '../../src/web/problem.filter';
import { TEST_ADMIN_TOKEN } from '../support/test-app';

/** A page that fails as a bug would, with a message that must never reach the person. */
@Controller('failing-page')
class FailingPageController {
  @Get()
  @Page('public')
  fail(): never {
    throw new Error('SECRET-internal-detail: connection string sqlite:/srv/tracker.db');
  }
}

describe('the 500 page', () => {
  it('says what to do next, and never shows the error or a stack trace', async () => {
    const config = loadConfig({
      EVENT_STORE_URL: 'sqlite::memory:',
      TRACKER_SEED: 'none',
      TRACKER_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    });
    @Module({
      imports: [AppModule.forRoot(config, new SqliteEventStore({ path: ':memory:' }))],
      controllers: [FailingPageController],
    })
    class WithFailingPage {}
    const app = await NestFactory.create<NestFastifyApplication>(WithFailingPage, new FastifyAdapter(), {
      logger: false,
      bodyParser: false,
    });
    await setUpWebPages(app, config);
    app.useGlobalFilters(new ProblemFilter(undefined, new PageErrors()));
    await app.listen(0, '127.0.0.1');
    try {
      const { port } = app.getHttpServer().address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/failing-page`);
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html).toContain('<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>');
      expect(html).toContain('Nothing was recorded. Try again later.');
      expect(html).not.toContain('SECRET');
      expect(html).not.toMatch(/\bat .+\.(js|ts):\d+/);
      // The API keeps answering problem+json, never a page.
      const api = await fetch(`http://127.0.0.1:${port}/api/no-such-route`, {
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      expect(api.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    } finally {
      await app.close();
    }
  });
});
