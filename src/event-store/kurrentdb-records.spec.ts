import { randomUUID } from 'node:crypto';
import { START, UnknownError, type AllStreamResolvedEvent, type Position } from '@kurrent/kurrentdb-client';
// The client's own conversion of what its native bridge reads, so these events are shaped as real reads are.
import { convertRustEvent } from '@kurrent/kurrentdb-client/dist/utils/convertRustEvent';
import { readAfter, ReadAllFrom, toProposed, toStored } from './kurrentdb-records';

/** An event as the native bridge hands it over: `created` in whole seconds, metadata as the bytes stored. */
function bridged(options: { position: bigint; metadata: object; created?: string; streamId?: string; revision?: bigint }): AllStreamResolvedEvent {
  const position = { commit: options.position, prepare: options.position };
  return convertRustEvent({
    event: {
      streamId: options.streamId ?? 'milestone-halton/P2.1',
      id: randomUUID(),
      type: 'MilestoneUpdated',
      isJson: true,
      revision: options.revision ?? 0n,
      created: Date.parse(options.created ?? '2025-10-14T09:30:00Z'),
      data: Buffer.from(JSON.stringify({ rag: 'amber' })),
      metadata: Buffer.from(JSON.stringify(options.metadata)),
      position,
    },
    commitPosition: options.position,
  }) as AllStreamResolvedEvent;
}

describe('KurrentDB events: recordedAt', () => {
  it('is stamped into the metadata of every event appended, beside the caller’s own metadata', () => {
    const proposed = toProposed(
      { eventId: randomUUID(), type: 'MilestoneUpdated', data: { rag: 'red' }, metadata: { actor: { id: 'u1' }, effectiveOn: '2025-09-30' } },
      '2025-10-14T09:30:00.123Z',
    );
    expect(proposed.metadata).toEqual({ actor: { id: 'u1' }, effectiveOn: '2025-09-30', recordedAt: '2025-10-14T09:30:00.123Z' });
    expect(proposed.data).toEqual({ rag: 'red' });
  });

  it('is read from the metadata, milliseconds and all, though the server’s own time came back in whole seconds', () => {
    const resolved = bridged({ position: 100n, created: '2025-10-14T09:30:00Z', metadata: { actor: { id: 'u1' }, recordedAt: '2025-10-14T09:30:00.987Z' } });
    const stored = toStored(resolved.event!, 100n);
    expect(stored.recordedAt).toBe('2025-10-14T09:30:00.987Z');
    expect(stored.metadata).toEqual({ actor: { id: 'u1' } });
    expect(stored.position).toBe(100n);
  });

  it('travels inside the packed metadata of a multi-stream append (string values only), and is read back the same', () => {
    const proposed = toProposed({ eventId: randomUUID(), type: 'MilestoneUpdated', data: {}, metadata: { actor: { id: 'u1' } } }, '2025-10-14T09:30:00.123Z', true);
    const packed = proposed.metadata as Record<string, unknown>;
    expect(Object.values(packed).every((value) => typeof value === 'string')).toBe(true);
    const stored = toStored(bridged({ position: 100n, metadata: packed }).event!, 100n);
    expect(stored.recordedAt).toBe('2025-10-14T09:30:00.123Z');
    expect(stored.metadata).toEqual({ actor: { id: 'u1' } });
  });

  it('falls back to the server’s time for events appended before it was stamped', () => {
    const resolved = bridged({ position: 100n, created: '2024-05-17T14:02:11Z', metadata: { actor: { id: 'u1' } } });
    const stored = toStored(resolved.event!, 100n);
    expect(stored.recordedAt).toBe('2024-05-17T14:02:11.000Z');
    expect(stored.metadata).toEqual({ actor: { id: 'u1' } });
  });
});

/**
 * A log as the server keeps it: each event at the byte offset where its record starts, read forwards from
 * exactly such an offset (that event included), any other offset refused as the server does.
 */
function serverLog(appends: number[]) {
  const log: AllStreamResolvedEvent[] = [];
  let offset = 1_024n;
  appends.forEach((count, append) => {
    for (let i = 0; i < count; i++) {
      log.push(bridged({ position: offset, streamId: `stream-${append}`, revision: BigInt(i), metadata: { n: log.length } }));
      offset += 137n + BigInt(append * 11 + i * 3); // records of different sizes
    }
  });
  const requested: Array<Position | typeof START> = [];
  const read: ReadAllFrom = (from, maxCount) => {
    requested.push(from);
    const start = from === START ? 0 : log.findIndex((e) => e.event!.position.commit === from.commit);
    if (start < 0) throw new UnknownError(undefined, 'InvalidPosition');
    const page = log.slice(start, maxCount === undefined ? undefined : start + maxCount);
    return (async function* () {
      yield* page;
    })();
  };
  return { log, read, requested };
}

describe('KurrentDB log paging: after a position', () => {
  it('pages two events at a time across appends of several events, with nothing missing and nothing twice', async () => {
    const { log, read, requested } = serverLog([3, 1, 4, 2]);
    const seen: bigint[] = [];
    let after: bigint | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await readAfter(read, after, 2);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page.map((e) => e.position));
      after = page[page.length - 1]!.position;
    }
    expect(seen).toEqual(log.map((e) => e.event!.position.commit));
    // Every read started at the beginning or at an event's own position: never inside a record.
    const starts = new Set(log.map((e) => e.event!.position.commit));
    for (const from of requested) if (from !== START) expect(starts.has(from.commit)).toBe(true);
  });

  it('reads from the beginning without a position (or with -1, the position of an empty store), and nothing after the last event', async () => {
    const { log, read } = serverLog([2, 2]);
    expect((await readAfter(read, undefined, undefined)).map((e) => e.position)).toEqual(log.map((e) => e.event!.position.commit));
    expect(await readAfter(read, -1n, 1)).toHaveLength(1);
    expect(await readAfter(read, log[log.length - 1]!.event!.position.commit, 10)).toEqual([]);
  });
});
