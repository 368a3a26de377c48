import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, startServer } from '../src/bench/measure';
import { buildProduct, removeBuild } from './support/build';

/** Starts the compiled service as `npm start` does, in a child process, and watches it from outside. */
let mainJs: string;

const startHealthy = (env: Record<string, string>, cwd: string) => startServer(mainJs, env, cwd);

describe('starting the service', () => {
  let workDir: string;
  beforeAll(() => {
    mainJs = join(buildProduct(), 'main.js');
    workDir = mkdtempSync(join(tmpdir(), 'tracker-start-'));
  }, 120_000);
  afterAll(() => {
    removeBuild();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('refuses to start with a bad EVENT_STORE_URL, naming the variable', async () => {
    const { code, stderr } = await spawnServer(mainJs, { EVENT_STORE_URL: 'nonsense' }, workDir).exited;
    expect(code).not.toBe(0);
    expect(stderr).toContain('EVENT_STORE_URL');
  });

  it('starts on the embedded store, creating its file under ./data, and reports healthy', async () => {
    const server = await startHealthy({}, workDir);
    expect(existsSync(join(workDir, 'data', 'tracker.db'))).toBe(true);
    // Nest closes the store on SIGTERM, then re-raises the signal so the process ends as signalled.
    const end = await server.stop();
    expect(end.code === 0 || end.signal === 'SIGTERM').toBe(true);
  }, 30_000);

  it('loads the Halton plan on the first start of an empty store, and adds nothing on the second', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-seeded-'));
    const countEvents = () => {
      const db = new Database(join(dir, 'data', 'tracker.db'), { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    try {
      await (await startHealthy({ TRACKER_SEED: 'halton' }, dir)).stop();
      const afterFirstStart = countEvents();
      expect(afterFirstStart).toBeGreaterThan(400);
      await (await startHealthy({ TRACKER_SEED: 'halton' }, dir)).stop();
      expect(countEvents()).toBe(afterFirstStart);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('starts without the document libraries, and loads the spreadsheet library with the first return template', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-lazy-'));
    const token = 'lazy-libraries-admin-token-0123456789';
    const hook = join(__dirname, 'support', 'loaded-packages.js');
    const server = await startServer(mainJs, { TRACKER_SEED: 'halton', TRACKER_ADMIN_TOKEN: token, NODE_OPTIONS: `--require ${hook}` }, dir);
    const loaded = () => [...server.output().matchAll(/^package loaded: (\S+)$/gm)].map((m) => m[1]!);
    try {
      // Only some requests need these: every start (and every request that does not) would pay for them.
      expect(loaded()).toContain('fastify');
      expect(loaded().filter((name) => ['exceljs', 'docx', '@resvg/resvg-js', 'fflate', '@kurrent/kurrentdb-client', 'jose'].includes(name))).toEqual([]);
      const response = await fetch(`${server.baseUrl}/api/plans/halton/returns/${encodeURIComponent('2025-26 Q3')}/template.xlsx`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
      expect(loaded()).toContain('exceljs');
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('on the first start of an empty store, seeded, logs where it listens and every later server error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-logs-'));
    const token = 'first-start-admin-token-0123456789';
    const server = await startServer(mainJs, { TRACKER_SEED: 'halton', TRACKER_ADMIN_TOKEN: token }, dir);
    try {
      await waitFor(() => /Listening on http:\/\/127\.0\.0\.1:\d+/.test(server.output()));
      // Another process holds the store's write lock: the write cannot be recorded, a server-side failure.
      const db = new Database(join(dir, 'data', 'tracker.db'));
      db.exec('BEGIN EXCLUSIVE');
      let status: number;
      try {
        const response = await fetch(`${server.baseUrl}/api/plans/halton/priorities`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ priorityId: 'CYP P99', title: 'Written while the store is locked' }),
        });
        status = response.status;
      } finally {
        db.exec('ROLLBACK');
        db.close();
      }
      expect(status).toBeGreaterThanOrEqual(500);
      await waitFor(() => /write lock/.test(server.output()));
      const output = server.output();
      const listening = output.search(/Listening on/);
      const error = output.search(/"level":"error"[^\n]*"context":"Errors"[^\n]*write lock/);
      expect({ listening: listening >= 0, errorLoggedAfterIt: error > listening }).toEqual({ listening: true, errorLoggedAfterIt: true });
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** Polls (every 50 ms, for up to 10 s) until the condition holds. */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
}
