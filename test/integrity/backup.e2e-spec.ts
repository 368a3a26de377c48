import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartedServer, startServer } from '../../src/bench/measure';
import { runBackupCli } from '../../src/cli/backup.cli';
import { runVerifyCli } from '../../src/cli/verify.cli';
import { buildProduct, removeBuild } from '../support/build';
import { capture } from './support/halton-store';

const TOKEN = 'backup-test-admin-token-0123456789';
const MILESTONES = ['P2.1', 'P2.2', 'P3.1', 'P4.1', 'P5.1', 'P6.1'];
const CLIENTS = 6;
const UPDATES_PER_CLIENT = 60;

describe('npm run backup while the server runs', () => {
  let build: string;
  let dir: string;
  let server: StartedServer;
  const live = () => join(dir, 'tracker.db');
  const call = async (base: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const backup = async (out: string, env: Record<string, string> = { EVENT_STORE_URL: `sqlite:${live()}` }) => {
    const io = capture();
    const code = await runBackupCli(['--out', out], env, io);
    return { code, out: io.lines, err: io.errors() };
  };

  beforeAll(async () => {
    build = buildProduct();
    dir = mkdtempSync(join(tmpdir(), 'tracker-backup-'));
    server = await startServer(join(build, 'main.js'), { EVENT_STORE_URL: `sqlite:${live()}`, TRACKER_ADMIN_TOKEN: TOKEN, TRACKER_SEED: 'halton' });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    removeBuild();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies the store under a bounded write load; the copy verifies and serves as a working store', async () => {
    let done = 0;
    const client = async (c: number) => {
      const statuses: number[] = [];
      for (let i = 0; i < UPDATES_PER_CLIENT; i++) {
        const milestone = MILESTONES[(c + i) % MILESTONES.length];
        const res = await call(server.baseUrl, 'POST', `/api/plans/halton/milestones/${milestone}/updates`, {
          period: '2025-26 Q3',
          rag: ['green', 'amber', 'red'][i % 3],
          commentary: `Client ${c}, update ${i}`,
          effectiveOn: '2025-12-31',
          reason: 'Revised at the board',
        });
        statuses.push(res.status);
        done += 1;
      }
      return statuses;
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    while (done < 30) await new Promise((r) => setTimeout(r, 5));
    const out = join(dir, 'backups', 'tracker-copy.db');
    mkdirSync(join(dir, 'backups'));
    const taken = await backup(out);
    const writtenDuring = done;
    const statuses = (await load).flat();
    expect(statuses).toEqual(Array(CLIENTS * UPDATES_PER_CLIENT).fill(201));
    expect(taken.code).toBe(0);
    const [, events, position, hash] = /^backed up .* to .*tracker-copy.db: verified (\d+) events, head (\d+) ([0-9a-f]{64})$/.exec(taken.out[0]!)!;
    // The load was running: some writes came after the copy's head.
    expect(writtenDuring).toBeLessThan(CLIENTS * UPDATES_PER_CLIENT);
    const finalHead = Number((await call(server.baseUrl, 'GET', '/health')).body.position);
    expect(Number(position)).toBeLessThan(finalHead);
    const liveDb = new Database(live(), { readonly: true });
    expect((liveDb.prepare('SELECT lower(hex(chain)) AS chain FROM events WHERE position = ?').get(Number(position)) as { chain: string }).chain).toBe(hash);
    liveDb.close();

    const copy = await startServer(join(build, 'main.js'), { EVENT_STORE_URL: `sqlite:${out}`, TRACKER_ADMIN_TOKEN: TOKEN });
    try {
      const health = await call(copy.baseUrl, 'GET', '/health');
      expect(health.body).toMatchObject({ status: 'ok', position });
      const board = await call(copy.baseUrl, 'GET', '/api/plans/halton/board');
      expect(board.status).toBe(200);
      const write = await call(copy.baseUrl, 'POST', '/api/plans/halton/milestones/P2.1/updates', {
        period: '2025-26 Q3',
        rag: 'complete',
        commentary: 'Recorded on the restored copy',
        effectiveOn: '2025-12-31',
        reason: 'Restored from backup',
      });
      expect(write.status).toBe(201);
      expect(write.body.position).toBe(Number(position) + 1);
    } finally {
      await copy.stop();
    }
    const io = capture();
    expect(await runVerifyCli([], { EVENT_STORE_URL: `sqlite:${out}` }, io)).toBe(0);
    expect(io.lines[0]).toMatch(new RegExp(`^verified ${Number(events) + 1} events, head ${Number(position) + 1} [0-9a-f]{64}$`));
  }, 180_000);

  it('refuses a file in the way, a missing directory and a store that is not a file, naming them', async () => {
    const existing = join(dir, 'existing.db');
    writeFileSync(existing, 'not a store');
    const inTheWay = await backup(existing);
    expect(inTheWay).toMatchObject({ code: 1, err: expect.stringContaining(`${existing} already exists`) });
    const nowhere = await backup(join(dir, 'no-such-dir', 'copy.db'));
    expect(nowhere).toMatchObject({ code: 1, err: expect.stringContaining(`its directory ${join(dir, 'no-such-dir')} does not exist`) });
    const kurrent = await backup(join(dir, 'k.db'), { EVENT_STORE_URL: 'kurrentdb://admin:changeit@127.0.0.1:2113?tls=false' });
    expect(kurrent.code).toBe(1);
    expect(kurrent.err).toContain('The KurrentDB store kurrentdb://127.0.0.1:2113?tls=false is not a file');
    expect(kurrent.err).not.toContain('changeit');
    expect(existsSync(join(dir, 'k.db'))).toBe(false);
  });
});
