import { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.factory';
import { ConfigError, loadConfig } from '../../src/config/config';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { INestApplication } from '@nestjs/common';

const ADMIN = 'logged-nowhere-admin-token-5b1e9c0d7f';

describe('no token or secret ever reaches a log', () => {
  let app: INestApplication;
  let store: SqliteEventStore;
  let baseUrl: string;
  const written: string[] = [];
  const spies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    for (const stream of [process.stdout, process.stderr]) {
      spies.push(
        jest.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
          written.push(String(chunk));
          return true;
        }),
      );
    }
    // The real logger, as in production.
    // In memory, as the store: the default would leave read models in ./data/tracker.db of the checkout.
    const config = loadConfig({
      EVENT_STORE_URL: 'sqlite::memory:',
      TRACKER_SEED: 'none',
      TRACKER_ADMIN_TOKEN: ADMIN,
      AUTH_FAILURE_LIMIT: '3',
    });
    store = new SqliteEventStore({ path: ':memory:' });
    app = await createApp({ config, store });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    for (const spy of spies) spy.mockRestore();
  });

  const call = (method: string, path: string, token?: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  it('logs neither the admin token, nor issued tokens, nor guesses, nor hashes', async () => {
    const issued = (await (
      await call('POST', '/api/tokens', ADMIN, { name: 'Jane', role: 'board-member', plans: ['halton'] })
    ).json()) as { tokenId: string; token: string };
    const secret = issued.token.split('_').slice(2).join('_');
    const guess = `trk_${issued.tokenId}_${'G'.repeat(43)}`;
    const statuses = [
      (await call('GET', '/api/tokens', ADMIN)).status,
      (await call('POST', '/api/plans/halton/priorities', issued.token, { priorityId: 'CYP P1', title: 'x' })).status,
      (await call('DELETE', `/api/tokens/${issued.tokenId}`, ADMIN)).status,
      (await call('GET', '/api/tokens', issued.token)).status,
      (await call('GET', '/api/tokens', guess)).status,
      (await call('GET', '/api/tokens', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl')).status,
      (await call('GET', '/api/tokens', guess)).status,
    ];
    expect(statuses).toEqual([200, 404, 204, 401, 401, 401, 429]);

    const hash = ((await store.readStream('access-tokens'))[0]!.data as { hash: string }).hash;
    const log = written.join('');
    expect(log).toContain('Mapped {/api/tokens'); // the logger was on
    for (const value of [ADMIN, issued.token, secret, guess, hash, 'eyJhbGciOiJIUzI1NiJ9']) expect(log).not.toContain(value);
  });

  it('names a bad admin token variable without printing its value', () => {
    try {
      loadConfig({ TRACKER_ADMIN_TOKEN: 'short-secret' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('TRACKER_ADMIN_TOKEN');
      expect((error as Error).message).not.toContain('short-secret');
    }
  });
});
