import { hash } from 'node:crypto';
import type { StoredEvent } from './event-store.port';

/**
 * The log's hash chain. Each event's link is the SHA-256, in lower-case hex, of the UTF-8 of the link
 * before it (64 hex digits) followed by the event's canonical bytes; the first event follows GENESIS.
 * So a link can be checked with any SHA-256 tool: `printf '%s%s' "$previous" "$canonical" | sha256sum`.
 * The canonical bytes leave out the store's position, so a log moved to another store, in the same
 * order, keeps every link.
 *
 * Canonical bytes: the UTF-8 of the JSON array [eventId, streamId, revision, type, data, metadata,
 * recordedAt], written as ECMAScript's JSON.stringify writes it: no white space, and the keys of data and
 * metadata in the order they were recorded in (both stores keep that order, and JSON.parse followed by
 * JSON.stringify gives back the same text for anything JSON.stringify wrote).
 */
export const GENESIS = '0'.repeat(64);

/** What the canonical bytes cover: an event as every store gives it back, without its position. */
export type ChainedEvent = Pick<StoredEvent, 'eventId' | 'streamId' | 'revision' | 'type' | 'data' | 'metadata' | 'recordedAt'>;

/**
 * The canonical text from data and metadata already written as JSON (as the embedded store writes them),
 * so an append serialises each event once: the same text as canonicalOf gives for the parsed values.
 */
export const canonicalText = (
  eventId: string,
  streamId: string,
  revision: number,
  type: string,
  dataJson: string,
  metadataJson: string,
  recordedAt: string,
): string =>
  `[${JSON.stringify(eventId)},${JSON.stringify(streamId)},${revision},${JSON.stringify(type)},${dataJson},${metadataJson},${JSON.stringify(recordedAt)}]`;

export const canonicalOf = (event: ChainedEvent): string =>
  canonicalText(
    event.eventId,
    event.streamId,
    event.revision,
    event.type,
    JSON.stringify(event.data ?? null),
    JSON.stringify(event.metadata ?? {}),
    event.recordedAt,
  );

/** The link of an event whose canonical text is given, after the link `previous` (one hash of one string: the cheapest). */
export const linkAfter = (previous: string, canonical: string): string => hash('sha256', previous + canonical);

export const nextLink = (previous: string, event: ChainedEvent): string => linkAfter(previous, canonicalOf(event));

/** A link as the API, the exports and the command lines show it. */
export const LINK_HEX = /^[0-9a-f]{64}$/;
