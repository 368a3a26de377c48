import { randomUUID } from 'node:crypto';
import { CommandContext, CommandResult } from '../domain/command';
import { DomainError } from '../domain/domain-error';
import { EventStore, StoredEvent } from '../event-store/event-store.port';
import { CANONICAL_FINGERPRINT, deterministicUuid } from '../platform/ids';

/**
 * The id of a command's `index`-th event: derived from the caller's Idempotency-Key when it sent one, so a
 * retry appends events the store already has (and so nothing); otherwise new.
 */
export const eventIdFor = (context: CommandContext, streamId: string, index: number): string =>
  context.idempotencyKey ? deterministicUuid(context.actor.id, context.idempotencyKey, streamId, String(index)) : randomUUID();

/**
 * Whether a stored fingerprint is that of this request. One recorded before fingerprints were made from a
 * canonical form cannot be compared with today's: such a retry is taken for the request it says it is.
 */
const sameRequest = (stored: unknown, current: string | undefined): boolean =>
  stored === current || typeof stored !== 'string' || !stored.startsWith(CANONICAL_FINGERPRINT);

export const reusedKey = () =>
  new DomainError('rule', 'This Idempotency-Key was already used for a different request; use a new key for a new request.', 'Idempotency-Key');

/** How many events of a stream are read at a time to collect one command's: a command appends few. */
const PAGE = 16;

/** The events one command appended, from the first: they are contiguous in its stream and share its cause. */
async function eventsOfCommand(store: EventStore, first: StoredEvent): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let from = first.revision; ; from += PAGE) {
    const page = await store.readStream(first.streamId, { fromRevision: from, maxCount: PAGE });
    for (const event of page) {
      if (event.metadata.causationId !== first.metadata.causationId) return events;
      events.push(event);
    }
    if (page.length < PAGE) return events;
  }
}

/**
 * A request retried with the same Idempotency-Key is answered as the first time: the first attempt's
 * events are found by the id the key gives the first of them (through the store's index, not by reading
 * the stream), and the answer made from them, marked `replayed`. A key reused for a different request is
 * refused.
 */
export async function findRetried(store: EventStore, streamId: string, context: CommandContext): Promise<CommandResult | undefined> {
  if (!context.idempotencyKey) return undefined;
  const first = await store.findKeyedEvent(streamId, eventIdFor(context, streamId, 0));
  if (!first) return undefined;
  if (!sameRequest(first.metadata.requestHash, context.requestHash)) throw reusedKey();
  const events = await eventsOfCommand(store, first);
  const last = events[events.length - 1]!;
  return {
    streamId,
    revision: last.revision,
    position: Number(last.position),
    events: events.map((e) => ({ eventId: e.eventId, type: e.type })),
    replayed: true,
  };
}
