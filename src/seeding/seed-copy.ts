import { EventStore, NewEvent, StoredEvent, StreamAppend } from '../event-store/event-store.port';

/**
 * The rehearsal's events as multi-stream appends that store them in the same order: an append holds each
 * stream once, so a stream met again after others starts the next one. Each stream expects the revision
 * its events had in the rehearsal, so a store that is not as empty as the rehearsal's refuses them.
 */
export function appendsInOrder(events: readonly StoredEvent[]): StreamAppend[][] {
  const appends: StreamAppend[][] = [];
  let current: StreamAppend[] = [];
  let seen = new Set<string>();
  for (const { streamId, revision, eventId, type, data, metadata } of events) {
    const last = current[current.length - 1];
    if (last?.streamId !== streamId) {
      if (seen.has(streamId)) {
        appends.push(current);
        current = [];
        seen = new Set();
      }
      current.push({ streamId, expectedRevision: revision === 0 ? 'no-stream' : revision - 1, events: [] });
      seen.add(streamId);
    }
    current[current.length - 1]!.events.push({ eventId, type, data, metadata });
  }
  if (current.length > 0) appends.push(current);
  return appends;
}

/** Part of one of the copy's commits is stored, which only recording the seed entry by entry leaves. */
export class PartlyStoredError extends Error {
  constructor(streamId: string) {
    super(`the store has part of what the seed records at once (up to ${streamId}), as recording it entry by entry leaves it`);
    this.name = 'PartlyStoredError';
  }
}

const has = async (store: EventStore, streamId: string, event: NewEvent): Promise<boolean> =>
  (await store.findKeyedEvent(streamId, event.eventId)) !== undefined;

/**
 * Stores what the store lacks of the rehearsal's events, in a few commits rather than one per event (each
 * a write to disk), one after another so that each append finds the revisions the one before left. Every
 * seeded event carries an idempotency key, so what a start interrupted while copying left is found
 * through the store's index and skipped: a commit whose last event is stored is there whole. Returns how
 * many events it stored.
 */
export async function copyRehearsal(store: EventStore, events: readonly StoredEvent[]): Promise<number> {
  let copied = 0;
  for (const requests of appendsInOrder(events)) {
    const first = requests[0]!;
    const last = requests[requests.length - 1]!;
    if (await has(store, last.streamId, last.events[last.events.length - 1]!)) continue;
    if (await has(store, first.streamId, first.events[0]!)) throw new PartlyStoredError(last.streamId);
    await store.appendMany(requests);
    copied += requests.reduce((n, r) => n + r.events.length, 0);
  }
  return copied;
}
