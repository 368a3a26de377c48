import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.factory';
import { signInCookie } from '../../src/bench/measure';
import { loadConfig } from '../../src/config/config';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';

const ADMIN = 'page-log-admin-token-3f7a9c1e5b';

describe('a page shown leaves one line in the log, and no warning', () => {
  let app: INestApplication;
  let baseUrl: string;
  const written: string[] = [];

  beforeAll(async () => {
    const config = loadConfig({
      EVENT_STORE_URL: 'sqlite::memory:',
      TRACKER_SEED: 'none',
      TRACKER_ADMIN_TOKEN: ADMIN,
      SESSION_SECRET: 'a-session-secret-of-at-least-thirty-two-characters',
    });
    // The real logger, as in production, its lines kept for the test.
    app = await createApp({ config, store: new SqliteEventStore({ path: ':memory:' }), logTo: { write: (line: string) => written.push(line) } });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  const lines = () =>
    written
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  /** Every line of the request that answered `url`, by its request id. */
  const linesOf = (url: string) => {
    const ids = new Set(lines().filter((line) => line.url === url).map((line) => line.reqId));
    return lines().filter((line) => ids.has(line.reqId));
  };

  it('answers the plan page and the portfolio once each, logging only that they were answered', async () => {
    const created = await fetch(`${baseUrl}/api/plans`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ planId: 'halton', localAuthority: 'Halton Borough Council', title: 'Improvement plan' }),
    });
    expect(created.status).toBe(201);
    const cookie = await signInCookie(baseUrl, ADMIN);
    for (const url of ['/plans/halton', '/']) {
      const page = await fetch(`${baseUrl}${url}`, { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Halton Borough Council');
      // The request's line is written when it is answered; give the logger its turn.
      await new Promise((done) => setTimeout(done, 50));
      expect(linesOf(url).map((line) => [line.level, line.msg, line.status])).toEqual([['info', 'request completed', 200]]);
    }
  });
});
