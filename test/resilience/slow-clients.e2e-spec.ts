import { mkdtempSync, rmSync } from 'node:fs';
import { connect, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartedServer, startServer } from '../../src/bench/measure';
import { buildProduct, removeBuild } from '../support/build';

/**
 * Clients that send a request's headers and never finish its body must not hold the server's
 * connections: the compiled server, on real sockets, closes them within the configured time, refuses a
 * client with no valid token before reading its body, and logs none of it as a server error.
 */
const TOKEN = 'slow-clients-admin-token-0123456789';
const REQUEST_TIMEOUT_MS = 1500;

interface Exchange {
  /** What the server sent before it closed the connection. */
  received: string;
  /** Milliseconds from the headers being sent to the connection being closed by the server. */
  closedAfterMs: number;
}

/** Sends a request's headers and the first bytes of a body it says is longer, then waits for the server to close. */
function stall(port: number, headers: Record<string, string>, limitMs: number): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let received = '';
    let sentAt = 0;
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for more than ${limitMs} ms; it sent: ${received || 'nothing'}`));
    }, limitMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(guard);
      resolve({ received, closedAfterMs: Date.now() - sentAt });
    });
    socket.on('connect', () => {
      const lines = Object.entries({
        host: `127.0.0.1:${port}`,
        'content-type': 'application/json',
        'content-length': '4000',
        ...headers,
      });
      socket.write(
        `POST /api/plans HTTP/1.1\r\n${lines.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n{"planId": "sl`,
      );
      sentAt = Date.now();
    });
  });
}

describe('clients that never finish their request', () => {
  let build: string;
  let dir: string;
  let server: StartedServer;
  let port: number;

  beforeAll(async () => {
    build = buildProduct();
    dir = mkdtempSync(join(tmpdir(), 'tracker-slow-'));
    server = await startServer(join(build, 'main.js'), {
      EVENT_STORE_URL: `sqlite:${join(dir, 'tracker.db')}`,
      TRACKER_ADMIN_TOKEN: TOKEN,
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      HEADERS_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    });
    port = Number(new URL(server.baseUrl).port);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    removeBuild();
    rmSync(dir, { recursive: true, force: true });
  });

  it('closes the connection of a client with a valid token whose body stops arriving, within the request timeout', async () => {
    const { received, closedAfterMs } = await stall(port, { authorization: `Bearer ${TOKEN}` }, REQUEST_TIMEOUT_MS * 4);
    expect(closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS * 3);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(received).toContain('application/problem+json');
  });

  it('refuses a client with no valid token before reading its body, at once', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-token-of-ours' }] as Record<string, string>[]) {
      const { received, closedAfterMs } = await stall(port, headers, REQUEST_TIMEOUT_MS * 4);
      expect(received).toMatch(/^HTTP\/1\.1 401 /);
      expect(received).toContain('application/problem+json');
      expect(closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS / 2);
    }
  });

  it('serves other clients while many stall, and logs none of it as a server error', async () => {
    const stalled = Array.from({ length: 50 }, (_, i) =>
      stall(port, i % 2 ? { authorization: `Bearer ${TOKEN}` } : {}, REQUEST_TIMEOUT_MS * 4),
    );
    const health = await fetch(`${server.baseUrl}/health`);
    expect(health.status).toBe(200);
    const plans = await fetch(`${server.baseUrl}/api/plans`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(plans.status).toBe(200);
    const closed = await Promise.all(stalled);
    expect(closed.filter((c) => /^HTTP\/1\.1 5\d\d/.test(c.received))).toEqual([]);
    const serverErrors = server
      .output()
      .split('\n')
      .filter((line) => /Internal error|\bERROR\b|^\s+at .+:\d+:\d+\)?$/.test(line));
    expect(serverErrors).toEqual([]);
  });
});
