import { jsonEvent, START, type AllStreamResolvedEvent, type EventData, type JSONType, type Position, type RecordedEvent } from '@kurrent/kurrentdb-client';
import { EventMetadata, NewEvent, StoredEvent } from './event-store.port';

/**
 * The metadata property holding the product's clock at the append. The server's own `created` time cannot
 * serve: reads through the client's native bridge drop its milliseconds, subscriptions keep them.
 */
const RECORDED_AT = 'recordedAt';

/** A position of the store, as the client takes it: on KurrentDB an event's commit and prepare positions are one. */
export const at = (position: bigint): Position => ({ commit: position, prepare: position });

/** The event as the client sends it, stamped with the instant of its append. */
export const toProposed = (event: NewEvent, recordedAt: string): EventData =>
  jsonEvent({
    id: event.eventId,
    type: event.type,
    data: (event.data ?? null) as JSONType,
    metadata: { ...(event.metadata ?? {}), [RECORDED_AT]: recordedAt } as JSONType,
  });

/**
 * The stored event as the port gives it. `recordedAt` comes from the metadata stamped at the append; events
 * appended before it was stamped fall back to the server's `created` time.
 */
export function toStored(event: RecordedEvent, position: bigint | undefined): StoredEvent {
  const { [RECORDED_AT]: stamped, ...metadata } = (event.metadata ?? {}) as EventMetadata;
  return {
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: position ?? -1n,
    recordedAt: typeof stamped === 'string' ? stamped : event.created.toISOString(),
  };
}

/** An event read from `$all` (by a read or a subscription), or undefined for a link to a deleted event. */
export const fromAll = (resolved: AllStreamResolvedEvent): StoredEvent | undefined =>
  resolved.event ? toStored(resolved.event as RecordedEvent, resolved.event.position?.commit ?? resolved.commitPosition) : undefined;

/** The client's forward read of `$all`, from the start or from exactly the position given (its event included). */
export type ReadAllFrom = (from: Position | typeof START, maxCount: number | undefined) => AsyncIterable<AllStreamResolvedEvent>;

/**
 * The events after `after` (at most `maxCount`). The server reads only from where a record starts, and
 * answers any other position as invalid: so the read starts at `after` itself, an event's position, and
 * skips that event.
 */
export async function readAfter(read: ReadAllFrom, after: bigint | undefined, maxCount: number | undefined): Promise<StoredEvent[]> {
  const from = after === undefined || after < 0n ? undefined : after;
  const events: StoredEvent[] = [];
  for await (const resolved of read(from === undefined ? START : at(from), from === undefined || maxCount === undefined ? maxCount : maxCount + 1)) {
    const event = fromAll(resolved);
    if (event && (from === undefined || event.position > from)) events.push(event);
  }
  return maxCount === undefined || events.length <= maxCount ? events : events.slice(0, maxCount);
}
