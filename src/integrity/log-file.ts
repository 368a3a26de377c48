import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { canonicalOf, ChainedEvent, LINK_HEX, linkAfter } from '../event-store/chain';

/**
 * An exported log: one event a line, as JSON, with its ids, its recorded time and its two links in the
 * whole log's chain: `previous` (the link before it) and `chain` (its own, SHA-256 of `previous` followed by
 * the event's canonical bytes). Every line can so be checked on its own; a whole log's lines join up.
 */
export interface LoggedEvent extends ChainedEvent {
  previous: string;
  chain: string;
}

const FIELDS = ['eventId', 'streamId', 'revision', 'type', 'recordedAt', 'data', 'metadata', 'previous', 'chain'] as const;

/** The line of an event, without its newline; the same event and links always give the same bytes. */
export const toLine = (event: ChainedEvent, previous: string, chain: string): string =>
  JSON.stringify({
    eventId: event.eventId,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    recordedAt: event.recordedAt,
    data: event.data ?? null,
    metadata: event.metadata ?? {},
    previous,
    chain,
  });

/** A line that cannot be read, or does not hold: it names the file and the line. */
export class LogFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    why: string,
  ) {
    super(`${file} line ${line}: ${why}`);
    this.name = 'LogFileError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why the parsed line is not an exported event, or undefined. */
function malformed(value: unknown): string | undefined {
  if (!isObject(value)) return 'is not a JSON object';
  const unknown = Object.keys(value).find((key) => !(FIELDS as readonly string[]).includes(key));
  if (unknown) return `has a field "${unknown}" that no export writes`;
  const missing = FIELDS.find((key) => !(key in value));
  if (missing) return `has no "${missing}"`;
  const { eventId, streamId, revision, type, recordedAt, metadata, previous, chain } = value;
  if (typeof eventId !== 'string' || !UUID.test(eventId)) return 'eventId must be a lower-case UUID';
  if (typeof streamId !== 'string' || streamId === '') return 'streamId must be a non-empty string';
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 0) return 'revision must be a whole number from 0';
  if (typeof type !== 'string' || type === '') return 'type must be a non-empty string';
  if (typeof recordedAt !== 'string' || !INSTANT.test(recordedAt) || Number.isNaN(Date.parse(recordedAt))) {
    return 'recordedAt must be an instant like 2025-10-01T09:30:00.000Z';
  }
  if (!isObject(metadata)) return 'metadata must be a JSON object';
  if (typeof previous !== 'string' || !LINK_HEX.test(previous)) return 'previous must be a link: 64 lower-case hex digits';
  if (typeof chain !== 'string' || !LINK_HEX.test(chain)) return 'chain must be a link: 64 lower-case hex digits';
  return undefined;
}

/** The event of one line, checked against its own links: a changed event no longer gives its `chain`. */
export function parseLine(text: string, file: string, line: number): LoggedEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LogFileError(file, line, `is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const why = malformed(value);
  if (why) throw new LogFileError(file, line, why);
  const event = value as LoggedEvent;
  if (linkAfter(event.previous, canonicalOf(event)) !== event.chain) {
    throw new LogFileError(file, line, `the event (${event.streamId} revision ${event.revision}) does not give its link: it was changed after it was exported`);
  }
  return event;
}

export interface FileLine {
  line: number;
  event: LoggedEvent;
  /** Bytes of the file read so far, of `size`. */
  bytesRead: number;
  size: number;
}

/** The file's events in order, each parsed and checked on its own; an empty line is refused, a last newline is not. */
export async function* readLogFile(file: string): AsyncGenerator<FileLine> {
  const { size } = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${file} cannot be read: ${error.code === 'ENOENT' ? 'there is no such file' : error.message}`);
  });
  const input = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      if (text === '') throw new LogFileError(file, line, 'is empty (an export has one event on every line)');
      yield { line, event: parseLine(text, file, line), bytesRead: input.bytesRead, size };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}
