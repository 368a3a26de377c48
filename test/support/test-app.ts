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

export interface TestApp {
  app: INestApplication;
  store: SqliteEventStore;
  baseUrl: string;
  /** Moves the store's clock: events appended from now on are recorded at this instant. */
  setClock(at: Date | string | undefined): void;
  request<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse<T>>;
  close(): Promise<void>;
}

/** The real application on a real HTTP server (127.0.0.1, a free port) over an in-memory SQLite store. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config: AppConfig = loadConfig({ EVENT_STORE_URL: 'sqlite::memory:', TRACKER_SEED: 'none', PORT: '0', ...env });
  let now: Date | undefined;
  const store = new SqliteEventStore({ path: ':memory:', clock: () => now ?? new Date() });
  const app = await createApp({ config, store, logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    store,
    baseUrl,
    setClock: (at) => (now = at === undefined ? undefined : new Date(at)),
    async request(method, path, body, headers = {}) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
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
