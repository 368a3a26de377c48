import { EventStore, StoredEvent, StreamAppend } from '../event-store/event-store.port';

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

/**
 * Stores the rehearsal's events in an empty store, in a few commits rather than one per event (each a
 * write to disk), one after another so that each append finds the revisions the one before left.
 */
export async function copyRehearsal(store: EventStore, events: readonly StoredEvent[]): Promise<number> {
  for (const requests of appendsInOrder(events)) await store.appendMany(requests);
  return events.length;
}
