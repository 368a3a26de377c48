import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AddressInfo } from 'node:net';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/config';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { ProblemFilter } from '../../src/web/problem.filter';
import { registeredRoutes } from '../support/routes';
import { noAuth, startTestApp, TEST_ADMIN_TOKEN } from '../support/test-app';

describe('every route declares who may use it', () => {
  it('finds an access declaration on every registered route', async () => {
    const t = await startTestApp();
    try {
      const routes = registeredRoutes(t.app);
      expect(routes.length).toBeGreaterThan(15);
      const undeclared = routes.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.path}`);
      expect(undeclared).toEqual([]);
      expect(routes.filter((r) => r.access === 'public' && !r.page).map((r) => r.path)).toEqual(['/health', '/health/live', '/health/ready']);
      // Pages open to someone not signed in: only signing in and out.
      expect([...new Set(routes.filter((r) => r.access === 'public' && r.page).map((r) => r.path))]).toEqual([
        '/sign-in',
        '/sign-in/callback',
        '/sign-in/sso',
        '/sign-out',
      ]);
    } finally {
      await t.close();
    }
  });

  it('serves the API docs without a token, marking every non-public route as needing a bearer token', async () => {
    const t = await startTestApp();
    try {
      const docs = await t.request('GET', '/api/docs-json', undefined, noAuth);
      expect(docs.status).toBe(200);
      expect((await t.request('GET', '/api/docs', undefined, noAuth)).status).toBe(200);
      for (const [path, operations] of Object.entries(
        docs.body.paths as Record<string, Record<string, { security?: unknown[] }>>,
      )) {
        for (const operation of Object.values(operations)) {
          if (path.startsWith('/health')) expect(operation.security).toBeUndefined();
          else expect(operation.security).toEqual([{ bearer: [] }]);
        }
      }
    } finally {
      await t.close();
    }
  });

  it('refuses a route that declares nothing, even to an admin', async () => {
    @Controller('api/undeclared')
    class UndeclaredController {
      @Get()
      secret() {
        return { leaked: true };
      }
    }
    @Module({
      imports: [
        AppModule.forRoot(
          loadConfig({ EVENT_STORE_URL: 'sqlite::memory:', TRACKER_SEED: 'none', TRACKER_ADMIN_TOKEN: TEST_ADMIN_TOKEN }),
          new SqliteEventStore({ path: ':memory:' }),
        ),
      ],
      controllers: [UndeclaredController],
    })
    class WithUndeclaredRoute {}

    const app = await NestFactory.create(WithUndeclaredRoute, new FastifyAdapter(), { logger: false });
    app.useGlobalFilters(new ProblemFilter());
    await app.listen(0, '127.0.0.1');
    try {
      const { port } = app.getHttpServer().address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/undeclared`, {
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ detail: 'This route declares no access rule, so nobody may use it.' });
    } finally {
      await app.close();
    }
  });
});
