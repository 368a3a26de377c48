import { randomUUID } from 'node:crypto';
import { START, type AllStreamResolvedEvent } from '@kurrent/kurrentdb-client';
// The client's own conversion of what its native bridge reads, so these events are shaped as real reads are.
import { convertRustEvent } from '@kurrent/kurrentdb-client/dist/utils/convertRustEvent';
import { ChainFollower } from '../../src/event-store/chain-follower';
import { NewEvent, StoredEvent } from '../../src/event-store/event-store.port';
import { readAfter, ReadAllFrom, toProposed } from '../../src/event-store/kurrentdb-records';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { ChainVerifier } from '../../src/integrity/chain-verifier';

/**
 * No KurrentDB server runs here, so the chain KurrentDB computes on read is checked on what its client
 * hands over: each event the embedded store wrote is turned into what the tracker appends to KurrentDB
 * (single or multi-stream), into the bytes the client sends, and back through the client's conversion
 * of a read of `$all`. The links computed from those must be the links the embedded store keeps.
 */
function asKurrentDb(stored: StoredEvent, position: bigint, packed: boolean): AllStreamResolvedEvent {
  const proposed = toProposed({ eventId: stored.eventId, type: stored.type, data: stored.data, metadata: stored.metadata }, stored.recordedAt, packed);
  const at = { commit: position, prepare: position };
  return convertRustEvent({
    event: {
      streamId: stored.streamId,
      id: proposed.id,
      type: proposed.type,
      isJson: true,
      revision: BigInt(stored.revision),
      created: Date.parse(stored.recordedAt) - 1234,
      // As the client sends them: JSON.stringify of data and metadata.
      data: Buffer.from(JSON.stringify(proposed.data), 'utf8'),
      metadata: Buffer.from(JSON.stringify(proposed.metadata), 'utf8'),
      position: at,
    },
    commitPosition: position,
  }) as AllStreamResolvedEvent;
}

const event = (type: string, data: unknown, metadata: Record<string, unknown> = {}): NewEvent => ({ eventId: randomUUID(), type, data, metadata });

describe('the hash chain KurrentDB computes on read from $all', () => {
  let sqlite: SqliteEventStore;
  let log: AllStreamResolvedEvent[];
  let reads: number;
  const readAll: ReadAllFrom = (from, maxCount) => {
    reads += 1;
    const start = from === START ? 0 : log.findIndex((e) => e.event!.position!.commit === from.commit);
    return (async function* () {
      yield* log.slice(start, maxCount === undefined ? undefined : start + maxCount);
    })();
  };
  const copyLog = async () => {
    const stored = await sqlite.readAll();
    // Positions as KurrentDB gives them: byte offsets of records, far apart; every third event from a multi-stream append.
    log = stored.map((e, i) => asKurrentDb(e, 4096n + BigInt(i) * 517n, i % 3 === 0));
  };

  beforeEach(async () => {
    sqlite = new SqliteEventStore({ path: ':memory:' });
    reads = 0;
    await sqlite.append('plan-halton', [event('PlanCreated', { planId: 'halton', title: 'Children’s services ✓ — “improvement”' }, { actor: { id: 'u1', name: 'Zoë', role: 'admin' }, effectiveOn: '2024-05-17' })], { expectedRevision: 'no-stream' });
    await sqlite.appendMany([
      { streamId: 'milestone-halton/P2.1', events: [event('MilestoneUpdated', { rag: 'amber', '10': 'integer-like keys', n: 1.5e-7, list: [null, -0, true] })], expectedRevision: 'no-stream' },
      { streamId: 'milestone-halton/P2.2', events: [event('MilestoneUpdated', { rag: 'red', commentary: '🧒🏽 São Tomé' }, { correlationId: 'c-1' })], expectedRevision: 'no-stream' },
    ]);
    await sqlite.append('milestone-halton/P2.1', [event('MilestoneUpdated', { rag: 'green' }), event('MilestoneDueDateChanged', { dueOn: '2026-03-31' })], { expectedRevision: 0 });
    await copyLog();
  });
  afterEach(() => sqlite.close());

  it('gives the same head as the embedded store keeps for the same log, at KurrentDB’s own positions', async () => {
    const follower = new ChainFollower((after, maxCount) => readAfter(readAll, after, maxCount));
    const head = await follower.head();
    expect(head.hash).toBe((await sqlite.chainHead()).hash);
    expect(head.position).toBe(log.at(-1)!.event!.position!.commit);
  });

  it('verifies there as on the embedded store: the links computed event by event are the embedded store’s links', async () => {
    const verifier = new ChainVerifier();
    const read = await readAfter(readAll, undefined, undefined);
    expect(read.every((e) => e.link === undefined)).toBe(true);
    const links: string[] = [];
    for (const e of read) {
      expect(verifier.add(e)).toBe(true);
      links.push(verifier.lastLink);
    }
    expect(links).toEqual((await sqlite.readAll({ links: true })).map((e) => e.link));
    expect(verifier.finish()).toMatchObject({ ok: true, events: 5, head: { hash: (await sqlite.chainHead()).hash } });
  });

  it('follows the log: a later head reads only the events appended since, and names them', async () => {
    const follower = new ChainFollower((after, maxCount) => readAfter(readAll, after, maxCount));
    await follower.head();
    const before = reads;
    await sqlite.append('milestone-halton/P2.2', [event('MilestoneUpdated', { rag: 'complete' })], { expectedRevision: 0 });
    await copyLog();
    const [head, again] = await Promise.all([follower.head(), follower.head()]);
    expect(head).toEqual(again);
    expect(head.hash).toBe((await sqlite.chainHead()).hash);
    expect(reads - before).toBe(2);
  });
});
