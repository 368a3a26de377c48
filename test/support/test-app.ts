import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/config';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';

export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** The bootstrap admin token every test app starts with; `request()` sends it unless told otherwise. */
export const TEST_ADMIN_TOKEN = 'test-bootstrap-admin-token-0123456789';

/** Headers for a request; `authorization: null` sends no Authorization header at all. */
export type TestHeaders = Record<string, string | null>;

export const bearer = (token: string): TestHeaders => ({ authorization: `Bearer ${token}` });
export const noAuth: TestHeaders = { authorization: null };

export interface TestApp {
  app: INestApplication;
  store: SqliteEventStore;
  baseUrl: string;
  /**
   * Moves the one clock (undefined: back to the system's): commands issued from now on are issued, and
   * their events recorded, at this instant. Only on the in-memory store: on a file the writer thread
   * records with the system's clock.
   */
  setClock(at: Date | string | undefined): void;
  /**
   * Sends the bootstrap admin token unless `headers` has an `authorization` entry (a value, or null for none).
   * A FormData body goes as multipart/form-data; any other object as JSON.
   */
  request<T = any>(method: string, path: string, body?: unknown, headers?: TestHeaders): Promise<TestResponse<T>>;
  close(): Promise<void>;
}

/**
 * The real application on a real HTTP server (127.0.0.1, a free port) over an in-memory SQLite store
 * (or the SQLite file named by an `EVENT_STORE_URL` override), with `TEST_ADMIN_TOKEN` as its bootstrap admin.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config: AppConfig = loadConfig({
    EVENT_STORE_URL: 'sqlite::memory:',
    TRACKER_SEED: 'none',
    PORT: '0',
    TRACKER_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    ...env,
  });
  if (config.eventStore.kind !== 'sqlite') throw new Error('test apps run on SQLite');
  let now: Date | undefined;
  const clock = () => now ?? new Date();
  const store = new SqliteEventStore({ path: config.eventStore.path, clock });
  const app = await createApp({ config, store, clock, logger: false });
  // PORT chosen by the test when something must know the address beforehand (an identity provider's redirect).
  await app.listen(config.port, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    store,
    baseUrl,
    setClock: (at) => {
      if (config.eventStore.kind === 'sqlite' && config.eventStore.path !== ':memory:') {
        throw new Error('A test app on a file store records on its writer thread, with the system clock: use the in-memory store');
      }
      now = at === undefined ? undefined : new Date(at);
    },
    async request(method, path, body, headers = {}) {
      const chosen = Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
      const form = body instanceof FormData;
      const sent: Record<string, string> = {
        ...(body !== undefined && !form ? { 'content-type': 'application/json' } : {}),
        ...(chosen || !config.adminToken ? {} : { authorization: `Bearer ${config.adminToken}` }),
      };
      for (const [name, value] of Object.entries(headers)) if (value !== null) sent[name] = value;
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: sent,
        ...(body !== undefined ? { body: form || typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed as any };
    },
    close: () => app.close(),
  };
}
