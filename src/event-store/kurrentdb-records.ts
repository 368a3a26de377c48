import { jsonEvent, START, type AllStreamResolvedEvent, type EventData, type JSONType, type Position, type RecordedEvent } from '@kurrent/kurrentdb-client';
import { EventMetadata, NewEvent, StoredEvent } from './event-store.port';

/**
 * The metadata property holding the product's clock at the append. The server's own `created` time cannot
 * serve: reads through the client's native bridge drop its milliseconds, subscriptions keep them.
 */
const RECORDED_AT = 'recordedAt';

/**
 * A multi-stream append takes metadata of string values only, so there the whole metadata travels as one
 * JSON string under this property, and is read back as it was given.
 */
const PACKED_METADATA = 'tracker-metadata';

/** A position of the store, as the client takes it: on KurrentDB an event's commit and prepare positions are one. */
export const at = (position: bigint): Position => ({ commit: position, prepare: position });

/**
 * The event as the client sends it, stamped with the instant of its append; `packed` for a multi-stream
 * append (see PACKED_METADATA).
 */
export function toProposed(event: NewEvent, recordedAt: string, packed = false): EventData {
  const metadata = { ...(event.metadata ?? {}), [RECORDED_AT]: recordedAt };
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: (event.data ?? null) as JSONType,
    metadata: (packed ? { [PACKED_METADATA]: JSON.stringify(metadata) } : metadata) as JSONType,
  });
}

const metadataOf = (event: RecordedEvent): EventMetadata => {
  const raw = (event.metadata ?? {}) as Record<string, unknown>;
  const packed = raw[PACKED_METADATA];
  return (typeof packed === 'string' ? JSON.parse(packed) : raw) as EventMetadata;
};

/**
 * The stored event as the port gives it. `recordedAt` comes from the metadata stamped at the append; events
 * appended before it was stamped fall back to the server's `created` time.
 */
export function toStored(event: RecordedEvent, position: bigint | undefined): StoredEvent {
  const { [RECORDED_AT]: stamped, ...metadata } = metadataOf(event);
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
