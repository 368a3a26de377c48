import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnServer, StartedServer, startServer } from '../../src/bench/measure';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { streamId } from '../../src/milestone/milestone';
import { buildProduct, removeBuild } from '../support/build';
import { readModelSnapshot, rebuiltSnapshot } from '../support/read-model-snapshot';

/**
 * The compiled server on a file store, killed with SIGKILL: mid-load, while `projections:rebuild` runs,
 * and while a first start loads the seed. Every write that was answered 201 is there after the restart,
 * none is recorded twice or by halves, and the read models are what a rebuild from position 0 makes.
 */
const TOKEN = 'crash-test-admin-token-0123456789';
const MILESTONES = ['P2.1', 'P2.2', 'P2.3', 'P2.4', 'P2.5', 'P2.6'];
const CLIENTS = 6;
const MAX_REQUESTS = 400;
const KILL_AFTER_MS = 1500;

interface Sent {
  key: string;
  path: string;
  body: Record<string, unknown>;
  status?: number;
  answer?: any;
}

const quarter = (i: number) => ({
  period: '2025-26 Q2',
  effectiveOn: '2025-09-30',
  rag: ['green', 'amber', 'red'][i % 3]!,
  reason: `Board view ${i}`,
});

describe('a server killed with SIGKILL', () => {
  let build: string;
  let root: string;
  beforeAll(() => {
    build = buildProduct();
    root = mkdtempSync(join(tmpdir(), 'tracker-crash-'));
  }, 120_000);
  afterAll(() => {
    removeBuild();
    rmSync(root, { recursive: true, force: true });
  });

  const serve = (dbPath: string, env: Record<string, string> = {}) =>
    startServer(join(build, 'main.js'), { EVENT_STORE_URL: `sqlite:${dbPath}`, TRACKER_ADMIN_TOKEN: TOKEN, ...env });
  const post = async (server: StartedServer, path: string, body: unknown, key: string) => {
    const res = await fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        'idempotency-key': key,
        'x-request-id': key,
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, answer: (await res.json()) as any };
  };
  /** Stops the server once its read models have every event, so that nothing is left for them to do. */
  const settle = async (server: StartedServer) => {
    for (let i = 0; i < 200; i++) {
      const health = (await (await fetch(`${server.baseUrl}/health`)).json()) as any;
      if (health.projections?.status === 'caught-up') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await server.stop();
  };
  const query = <T>(dbPath: string, sql: string): T[] => {
    const db = new Database(dbPath, { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };

  it('keeps every acknowledged write of a load it was killed in, records none twice or by halves, and its read models equal a rebuild', async () => {
    const dbPath = join(root, 'load.db');
    let server = await serve(dbPath);
    const setUp: Array<[string, unknown]> = [
      ['/api/plans', { planId: 'halton', localAuthority: 'Halton Borough Council', title: 'Improvement plan' }],
      ['/api/plans/halton/priorities', { priorityId: 'CYP P2', title: 'Placement sufficiency and stability' }],
      ...MILESTONES.map((milestoneId): [string, unknown] => [
        '/api/plans/halton/milestones',
        { milestoneId, priorityId: 'CYP P2', title: `Milestone ${milestoneId}` },
      ]),
    ];
    for (const [path, body] of setUp) expect((await post(server, path, body, randomUUID())).status).toBe(201);

    const sent: Sent[] = [];
    const client = async (c: number) => {
      for (let i = 0; i < MAX_REQUESTS; i++) {
        const key = `client-${c}-request-${i}`;
        const request: Sent =
          i % 8 === 7
            ? {
                key,
                path: '/api/plans/halton/quarterly-updates',
                body: {
                  period: '2025-26 Q2',
                  updates: MILESTONES.map((milestoneId, m) => ({
                    milestoneId,
                    commentary: `${key} ${milestoneId}`,
                    ...quarter(i + m),
                    period: undefined,
                  })),
                },
              }
            : {
                key,
                path: `/api/plans/halton/milestones/${MILESTONES[(c + i) % MILESTONES.length]}/updates`,
                body: { commentary: key, ...quarter(i) },
              };
        sent.push(request);
        try {
          Object.assign(request, await post(server, request.path, request.body, key));
        } catch {
          return; // the server is gone
        }
        expect({ key, status: request.status }).toEqual({ key, status: 201 });
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    await new Promise((r) => setTimeout(r, KILL_AFTER_MS));
    server.child.kill('SIGKILL');
    await load;

    const acknowledged = sent.filter((s) => s.status === 201);
    const unanswered = sent.filter((s) => s.status === undefined);
    expect(acknowledged.length).toBeGreaterThan(50);
    expect(unanswered.length).toBeLessThanOrEqual(CLIENTS);

    server = await serve(dbPath);
    const stored = new Map(
      query<{ stream_id: string; revision: number; event_id: string }>(
        dbPath,
        'SELECT stream_id, revision, event_id FROM events',
      ).map((e) => [`${e.stream_id}@${e.revision}`, e.event_id]),
    );
    for (const { key, answer } of acknowledged) {
      const where = answer.updates
        ? answer.updates.map((u: any) => `${streamId('halton', u.milestoneId)}@${u.revision}`)
        : [`${answer.streamId}@${answer.revision}`];
      for (const at of where) expect({ key, at, stored: stored.has(at) }).toEqual({ key, at, stored: true });
      if (!answer.updates) expect(stored.get(where[0])).toBe(answer.eventIds[0]);
    }

    // What was in flight when the server died is sent again with its key: recorded once, whether or not it was before.
    for (const request of unanswered) {
      expect((await post(server, request.path, request.body, request.key)).status).toBe(201);
      expect((await post(server, request.path, request.body, request.key)).status).toBe(201);
    }
    const commands = query<{ key: string; events: number; causes: number }>(
      dbPath,
      `SELECT json_extract(metadata, '$.idempotencyKey') AS key, COUNT(*) AS events, COUNT(DISTINCT json_extract(metadata, '$.causationId')) AS causes
       FROM events WHERE json_extract(metadata, '$.idempotencyKey') LIKE 'client-%' GROUP BY key`,
    );
    const expected = [...acknowledged, ...unanswered].map((s) => ({
      key: s.key,
      events: s.path.endsWith('quarterly-updates') ? MILESTONES.length : 1,
      causes: 1,
    }));
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    expect(commands.sort(byKey)).toEqual(expected.sort(byKey));
    expect(query(dbPath, 'SELECT event_id FROM events GROUP BY event_id HAVING COUNT(*) > 1')).toEqual([]);

    await settle(server);
    expect(readModelSnapshot(dbPath)).toEqual(await rebuiltSnapshot(build, dbPath));
  }, 120_000);

  it('comes back from a kill during projections:rebuild with the read models a finished rebuild makes', async () => {
    const dbPath = join(root, 'rebuild.db');
    let server = await serve(dbPath);
    expect(
      (await post(server, '/api/plans', { planId: 'halton', localAuthority: 'Halton Borough Council', title: 'Plan' }, 'p'))
        .status,
    ).toBe(201);
    expect((await post(server, '/api/plans/halton/priorities', { priorityId: 'CYP P2', title: 'Placements' }, 'q')).status).toBe(
      201,
    );
    for (const milestoneId of MILESTONES) {
      expect(
        (
          await post(
            server,
            '/api/plans/halton/milestones',
            { milestoneId, priorityId: 'CYP P2', title: milestoneId },
            milestoneId,
          )
        ).status,
      ).toBe(201);
    }
    await server.stop();
    // Enough ratings for the rebuild to commit several times before it ends (it commits every 20 000 events).
    const store = new SqliteEventStore({ path: dbPath });
    const actor = { id: 'u-1', name: 'Board member', role: 'board-member' };
    for (let batch = 0; batch < 60; batch++) {
      for (const [m, milestoneId] of MILESTONES.entries()) {
        const events = Array.from({ length: 150 }, (_, i) => ({
          eventId: randomUUID(),
          type: 'MilestoneUpdated',
          data: { commentary: `Rating ${batch}-${i}`, ...quarter(batch + i + m) },
          metadata: { actor, causationId: randomUUID(), correlationId: randomUUID(), command: 'UpdateMilestone' },
        }));
        await store.append(streamId('halton', milestoneId), events, { expectedRevision: batch * events.length });
      }
    }
    const events = Number(await store.headPosition());
    await store.close();
    expect(events).toBeGreaterThan(50_000);

    const killed = await new Promise<{ signal: NodeJS.Signals | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [join(build, 'cli', 'rebuild.cli.js')], {
        env: { PATH: process.env.PATH ?? '', EVENT_STORE_URL: `sqlite:${dbPath}` },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => {
        output += chunk;
        const reached = [...output.matchAll(/(\d+(?:\.\d+)?)%/g)].map((m) => Number(m[1]));
        if (reached.some((p) => p >= 50 && p < 100)) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => resolve({ signal, output }));
    });
    expect(killed.signal).toBe('SIGKILL');
    const ratings = query<{ n: number }>(dbPath, 'SELECT COUNT(*) AS n FROM milestone_ratings')[0]!.n;
    expect(ratings).toBeLessThan(events - 8);

    server = await serve(dbPath);
    await settle(server);
    expect(readModelSnapshot(dbPath)).toEqual(await rebuiltSnapshot(build, dbPath));
  }, 120_000);

  it('finishes the seed after a kill during the first start, whenever it came', async () => {
    const referencePath = join(root, 'seed-reference.db');
    await (await serve(referencePath, { TRACKER_SEED: 'halton' })).stop();
    const shape = (path: string) =>
      query<unknown[]>(path, 'SELECT event_id, stream_id, revision, type FROM events ORDER BY position');
    const reference = shape(referencePath);
    expect(reference.length).toBeGreaterThan(400);

    /** Starts the server on an empty store with the seed, and kills it once `ready` says so; returns how many events it left. */
    const startAndKill = async (dbPath: string, ready: (events: number) => boolean): Promise<number> => {
      const port = await freePort();
      const { child, exited } = spawnServer(join(build, 'main.js'), {
        EVENT_STORE_URL: `sqlite:${dbPath}`,
        TRACKER_ADMIN_TOKEN: TOKEN,
        TRACKER_SEED: 'halton',
        PORT: String(port),
      });
      let events = 0;
      let db: Database.Database | undefined;
      try {
        for (let tries = 0; tries < 20_000 && child.exitCode === null; tries++) {
          try {
            db ??= new Database(dbPath, { readonly: true, fileMustExist: true });
            events = (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
          } catch {
            events = 0; // not created yet
          }
          if (ready(events)) break;
          await new Promise((r) => setTimeout(r, 1));
        }
      } finally {
        db?.close();
        child.kill('SIGKILL');
        await exited;
      }
      return events;
    };

    const cases: Array<[string, (events: number) => boolean]> = [
      [
        'before anything was stored',
        (() => {
          const started = Date.now();
          return () => Date.now() - started > 300;
        })(),
      ],
      ['once the copy had begun', (events) => events > 0],
    ];
    for (const [when, ready] of cases) {
      const dbPath = join(root, `seed-${cases.findIndex((c) => c[0] === when)}.db`);
      const left = await startAndKill(dbPath, ready);
      expect({ when, complete: left >= reference.length }).toEqual({ when, complete: false });
      const server = await serve(dbPath, { TRACKER_SEED: 'halton' });
      expect((await (await fetch(`${server.baseUrl}/health`)).json()) as any).toMatchObject({ status: 'ok' });
      await settle(server);
      expect({ when, events: shape(dbPath) }).toEqual({ when, events: reference });
      expect(readModelSnapshot(dbPath)).toEqual(await rebuiltSnapshot(build, dbPath));
    }
  }, 120_000);
});
