import { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.factory';
import { ConfigError, loadConfig } from '../../src/config/config';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { INestApplication } from '@nestjs/common';

const ADMIN = 'logged-nowhere-admin-token-5b1e9c0d7f';
const METRICS = 'logged-nowhere-metrics-token-8c2d4e6f1a';

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
      METRICS_TOKEN: METRICS,
      AUTH_FAILURE_LIMIT: '3',
    });
    store = new SqliteEventStore({ path: ':memory:' });
    // The log's lines as the server writes them (standard output is written without blocking, from outside
    // the stream the spies see).
    app = await createApp({ config, store, logTo: { write: (line: string) => written.push(line) } });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    for (const spy of spies) spy.mockRestore();
  });

  const call = (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  /** The JSON log lines written so far (the log is one JSON object a line on standard output). */
  const logLines = () =>
    written
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, any>);

  it('writes one JSON line per request, with its request id, which the response and the recorded events carry too', async () => {
    const created = await call('POST', '/api/plans', ADMIN, { planId: 'halton', localAuthority: 'Halton Borough Council', title: 'Plan' }, { 'x-request-id': 'board-2025-q2-017' });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toBe('board-2025-q2-017');
    const own = await call('GET', '/api/plans', ADMIN);
    const made = own.headers.get('x-request-id')!;
    expect(made).toMatch(/^[0-9a-f-]{36}$/);

    const lines = logLines();
    expect(lines.every((line) => typeof line.time === 'string' && typeof line.level === 'string' && typeof line.msg === 'string')).toBe(true);
    expect(lines.find((line) => line.reqId === 'board-2025-q2-017')).toMatchObject({
      level: 'info',
      msg: 'request completed',
      method: 'POST',
      url: '/api/plans',
      status: 201,
      actor: 'bootstrap-admin',
      ms: expect.any(Number),
    });
    expect(lines.find((line) => line.reqId === made)).toMatchObject({ method: 'GET', url: '/api/plans', status: 200 });
    const [event] = await store.readStream('plan-halton');
    expect(event!.metadata.correlationId).toBe('board-2025-q2-017');
    // Nest's own messages are lines of the same log.
    expect(lines.find((line) => typeof line.msg === 'string' && line.msg.startsWith('Mapped {/api/tokens'))).toMatchObject({ level: 'info', context: 'RouterExplorer' });
  });

  it('logs neither the admin token, nor the metrics token, nor issued tokens, nor guesses, nor hashes', async () => {
    const issued = (await (
      await call('POST', '/api/tokens', ADMIN, { name: 'Jane', role: 'board-member', plans: ['halton'] })
    ).json()) as { tokenId: string; token: string };
    const secret = issued.token.split('_').slice(2).join('_');
    const guess = `trk_${issued.tokenId}_${'G'.repeat(43)}`;
    const statuses = [
      (await call('GET', '/api/tokens', ADMIN)).status,
      (await call('GET', '/metrics', METRICS)).status,
      (await call('POST', '/api/plans/halton/priorities', issued.token, { priorityId: 'CYP P1', title: 'x' })).status,
      (await call('DELETE', `/api/tokens/${issued.tokenId}`, ADMIN)).status,
      (await call('GET', '/api/tokens', issued.token)).status,
      (await call('GET', '/api/tokens', guess)).status,
      (await call('GET', '/api/tokens', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl')).status,
      (await call('GET', '/api/tokens', guess)).status,
    ];
    expect(statuses).toEqual([200, 200, 201, 204, 401, 401, 401, 429]);

    const hash = ((await store.readStream('access-tokens'))[0]!.data as { hash: string }).hash;
    const log = written.join('');
    expect(log).toContain('Mapped {/api/tokens'); // the logger was on
    expect(logLines().filter((line) => line.msg === 'request completed').length).toBeGreaterThanOrEqual(statuses.length + 1);
    for (const value of [ADMIN, METRICS, issued.token, secret, guess, hash, 'eyJhbGciOiJIUzI1NiJ9']) expect(log).not.toContain(value);
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
