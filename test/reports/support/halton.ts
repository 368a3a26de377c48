import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../../support/build';
import { startTestApp, TestApp, TEST_ADMIN_TOKEN } from '../../support/test-app';

export interface SeededUpdate {
  milestoneId: string;
  rag: string;
  commentary: string;
}

/** The 51 milestone updates of the council's 2025-26 Q2 report, as the seed holds them. */
export function seededQ2(): SeededUpdate[] {
  const file = JSON.parse(readFileSync(join(root, 'seeds', 'halton', '06-quarterly-report-2025-26-q2.json'), 'utf8')) as {
    entries: Array<{ kind: string } & SeededUpdate>;
  };
  return file.entries.filter((e) => e.kind === 'milestoneUpdate');
}

/**
 * The Halton seed as it could have been recorded by a day: the visits that had not started by then are
 * left out with their findings, and so are facts dated after it (the product refuses both ahead of time).
 */
function haltonKnownBy(day: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'halton-seed-'));
  mkdirSync(join(dir, 'halton'));
  for (const name of readdirSync(join(root, 'seeds', 'halton')).filter((f) => f.endsWith('.json'))) {
    const file = JSON.parse(readFileSync(join(root, 'seeds', 'halton', name), 'utf8')) as {
      entries: Array<{ kind: string; visitId?: string; startDate?: string; effectiveOn?: string }>;
    };
    const later = new Set(file.entries.filter((e) => e.kind === 'visit' && e.startDate! > day).map((e) => e.visitId));
    file.entries = file.entries.filter((e) => !later.has(e.visitId) && !(e.effectiveOn! > day));
    if (file.entries.length > 0) writeFileSync(join(dir, 'halton', name), JSON.stringify(file));
  }
  return dir;
}

/**
 * The app with the Halton plan loaded as it could have been by `clock` (see haltonKnownBy), its read
 * models caught up; the store's clock at `clock` while it loads.
 */
export async function startHalton(clock = '2025-10-20T09:00:00.000Z', env: Record<string, string> = {}): Promise<TestApp> {
  const t = await startTestApp({ ...env, TRACKER_SEED: 'none' });
  t.setClock(clock);
  const { SeedLoader } = await import('../../../src/seeding/seed-loader');
  const dir = haltonKnownBy(clock.slice(0, 10));
  try {
    await t.app.get(SeedLoader).load('halton', { dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await caughtUp(t);
  return t;
}

export async function caughtUp(t: TestApp): Promise<void> {
  const head = Number(await t.store.headPosition());
  const res = await t.request('GET', `/api/plans/halton/board?minPosition=${head}`);
  if (res.status !== 200) throw new Error(`the read models did not catch up: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Weeks after the Q2 pack, on 12 November 2025, P2.2's Q2 rating is corrected to red; the read models take it in. */
export async function correctP22(t: TestApp): Promise<void> {
  t.setClock('2025-11-12T10:00:00.000Z');
  const corrected = await t.request('POST', '/api/plans/halton/milestones/P2.2/updates', {
    period: '2025-26 Q2',
    rag: 'red',
    commentary: 'The out-of-borough residential figures were restated: 9 children, not 6.',
    effectiveOn: '2025-09-30',
    reason: 'Performance team restated the Q2 figures',
  });
  if (corrected.status !== 201) throw new Error(`the correction answered ${corrected.status}: ${JSON.stringify(corrected.body)}`);
  await caughtUp(t);
}

export interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
  json?: any;
}

/** A GET whose answer is a file (or a problem). */
export async function download(t: TestApp, path: string, token = TEST_ADMIN_TOKEN): Promise<Download> {
  const res = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(bytes.toString('utf8')) : undefined;
  return { status: res.status, headers: res.headers, bytes, json };
}

export const reportPath = (query: Record<string, string>) =>
  `/api/plans/halton/reports/quarterly?${new URLSearchParams({ period: '2025-26 Q2', ...query }).toString()}`;
