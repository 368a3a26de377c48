import { createHash } from 'node:crypto';
import type { StoredEvent } from './event-store.port';

/**
 * The log's hash chain. Each event's link is SHA-256 over the link before it (32 bytes) followed by the
 * event's canonical bytes; the first event follows GENESIS. The canonical bytes leave out the store's
 * position, so a log moved to another store, in the same order, keeps every link.
 *
 * Canonical bytes: the UTF-8 of the JSON array [eventId, streamId, revision, type, data, metadata,
 * recordedAt], written as ECMAScript's JSON.stringify writes it: no white space, and the keys of data and
 * metadata in the order they were recorded in (both stores keep that order, and JSON.parse followed by
 * JSON.stringify gives back the same text for anything JSON.stringify wrote).
 */
export const GENESIS: Buffer = Buffer.alloc(32);
export const GENESIS_HEX = GENESIS.toString('hex');

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

/** The link of an event whose canonical text is given, after the link `previous`. */
export const linkAfter = (previous: Buffer, canonical: string): Buffer => createHash('sha256').update(previous).update(canonical).digest();

export const nextLink = (previous: Buffer, event: ChainedEvent): Buffer => linkAfter(previous, canonicalOf(event));

/** A link as the API, the exports and the command lines show it. */
export const LINK_HEX = /^[0-9a-f]{64}$/;
