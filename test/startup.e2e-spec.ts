import Database from 'better-sqlite3';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProduct, removeBuild } from './support/build';

/** Starts the compiled service as `npm start` does, in a child process, and watches it from outside. */
let buildDir: string;

const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

async function startHealthy(env: Record<string, string>, cwd: string): Promise<{ child: ChildProcess; done: ReturnType<typeof exited> }> {
  const port = await freePort();
  const child = run({ PORT: String(port), HOST: '127.0.0.1', ...env }, cwd);
  const done = exited(child);
  let status = 0;
  for (let attempt = 0; attempt < 400 && status !== 200; attempt++) {
    status = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status, () => 0);
    if (status !== 200) await new Promise((r) => setTimeout(r, 50));
  }
  if (status !== 200) {
    child.kill('SIGKILL');
    throw new Error(`the service did not become healthy: ${(await done).stderr}`);
  }
  return { child, done };
}

function run(env: Record<string, string>, cwd: string): ChildProcess {
  return spawn(process.execPath, [join(buildDir, 'main.js')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', TRACKER_SEED: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((done) => {
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code, signal) => done({ code, signal, stderr }));
  });

describe('starting the service', () => {
  let workDir: string;
  beforeAll(() => {
    buildDir = buildProduct();
    workDir = mkdtempSync(join(tmpdir(), 'tracker-start-'));
  }, 120_000);
  afterAll(() => {
    removeBuild();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('refuses to start with a bad EVENT_STORE_URL, naming the variable', async () => {
    const { code, stderr } = await exited(run({ EVENT_STORE_URL: 'nonsense' }, workDir));
    expect(code).not.toBe(0);
    expect(stderr).toContain('EVENT_STORE_URL');
  });

  it('starts on the embedded store, creating its file under ./data, and reports healthy', async () => {
    const { child, done } = await startHealthy({}, workDir);
    expect(existsSync(join(workDir, 'data', 'tracker.db'))).toBe(true);
    child.kill('SIGTERM');
    // Nest closes the store on SIGTERM, then re-raises the signal so the process ends as signalled.
    const end = await done;
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
      for (const start of [1, 2]) {
        const { child, done } = await startHealthy({ TRACKER_SEED: 'halton' }, dir);
        child.kill('SIGTERM');
        await done;
        if (start === 1) expect(countEvents()).toBeGreaterThan(400);
      }
      const afterTwoStarts = countEvents();
      const { child, done } = await startHealthy({ TRACKER_SEED: 'halton' }, dir);
      child.kill('SIGTERM');
      await done;
      expect(countEvents()).toBe(afterTwoStarts);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
