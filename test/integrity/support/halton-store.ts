import Database from 'better-sqlite3';
import { CliIo } from '../../../src/cli/cli-io';
import { startTestApp } from '../../support/test-app';

/**
 * The Halton plan as the server records it, in a store file of its own: the seed, a token issued (a stream
 * of no plan) and a correction made through the API after it. Returns the number of events.
 */
export async function haltonStore(path: string): Promise<number> {
  const t = await startTestApp({ EVENT_STORE_URL: `sqlite:${path}`, TRACKER_SEED: 'halton' });
  try {
    const token = await t.request('POST', '/api/tokens', { name: 'Internal audit', role: 'auditor', plans: ['halton'] });
    if (token.status !== 201) throw new Error(`the token answered ${token.status}`);
    const update = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', {
      period: '2025-26 Q2',
      rag: 'red',
      commentary: 'Placement moves rose again in September',
      effectiveOn: '2025-09-30',
      reason: 'Late figures from the placements team',
    });
    if (update.status !== 201) throw new Error(`the update answered ${update.status}: ${JSON.stringify(update.body)}`);
    return Number(await t.store.headPosition());
  } finally {
    await t.close();
  }
}

/** A copy of a store's file, to tamper with. */
export function copyStore(from: string, to: string): string {
  const db = new Database(from, { readonly: true });
  db.prepare('VACUUM INTO ?').run(to);
  db.close();
  return to;
}

/** What a command line wrote, as `npm run …` would show it in a log (no terminal). */
export function capture(): CliIo & { lines: string[]; errors: () => string } {
  const lines: string[] = [];
  const written: string[] = [];
  return { lines, out: (line) => lines.push(line), err: { isTTY: false, write: (text: string) => written.push(text) }, errors: () => written.join('') };
}
