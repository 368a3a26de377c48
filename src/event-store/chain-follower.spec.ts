import { ChainFollower } from './chain-follower';
import { GENESIS, nextLink } from './chain';
import type { StoredEvent } from './event-store.port';

/** A log whose positions lie far apart, as KurrentDB's do: byte offsets of its records. */
const log: StoredEvent[] = Array.from({ length: 2500 }, (_, i) => ({
  eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  streamId: `milestone-halton/P${1 + (i % 12)}.1`,
  revision: Math.floor(i / 12),
  type: 'MilestoneUpdated',
  data: { period: '2025-26 Q2', rag: i % 2 === 0 ? 'green' : 'amber', commentary: `Update ${i}` },
  metadata: { actor: { id: 'u1' } },
  position: 4096n + BigInt(i) * 517n,
  recordedAt: new Date(Date.UTC(2025, 9, 1) + i * 1000).toISOString(),
}));

const links: string[] = [];
log.reduce((link, event) => {
  const next = nextLink(link, event);
  links.push(next);
  return next;
}, GENESIS);

describe('the chain computed from a log that keeps no links', () => {
  let reads: number;
  let follower: ChainFollower;
  beforeEach(() => {
    reads = 0;
    follower = new ChainFollower(async (after, maxCount) => {
      reads += 1;
      const start = after === undefined ? 0 : log.findIndex((e) => e.position > after);
      return start === -1 ? [] : log.slice(start, start + maxCount);
    });
  });

  it('names the link at any event of the log, as walking it from the start gives it', async () => {
    for (const i of [0, 1, 998, 999, 1000, 1001, 1999, 2000, 2499]) {
      expect(await follower.at(log[i]!.position)).toEqual({ position: log[i]!.position, hash: links[i] });
    }
  });

  it('answers nothing for a position no event has: between two events, before the first, after the last', async () => {
    await expect(follower.at(log[5]!.position + 1n)).resolves.toBeUndefined();
    await expect(follower.at(10n)).resolves.toBeUndefined();
    await expect(follower.at(log.at(-1)!.position + 517n)).resolves.toBeUndefined();
  });

  it('once it has followed the log, finds an earlier link by reading one page, not the log again', async () => {
    expect(await follower.head()).toEqual({ position: log.at(-1)!.position, hash: links.at(-1) });
    const before = reads;
    expect(await follower.at(log[1750]!.position)).toEqual({ position: log[1750]!.position, hash: links[1750] });
    expect(reads - before).toBe(1);
  });
});
