import { GENESIS } from '../../event-store/chain';
import type { ChainHead, EventStore, RestoredEvent } from '../../event-store/event-store.port';
import { LoggedEvent, LogFileError, readLogFile } from '../log-file';

export interface ImportProgress {
  phase: 'checking' | 'importing';
  /** Events read so far in this phase. */
  events: number;
  /** Of the file, 0 to 1. */
  fraction: number;
}

export interface ImportOptions {
  /** Names the store in messages (its URL without credentials). */
  storeName: string;
  /** Events appended together. */
  pageSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportResult {
  events: number;
  head: ChainHead;
}

/** Why an import was refused: a store that is not empty, a file that is not a whole, unbroken log. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/**
 * Checks that a line follows the one before it in a whole log: its link joins up, and its stream's
 * revisions run on without a gap.
 */
function follows(file: string, line: number, event: LoggedEvent, previous: string, revisions: Map<string, number>): void {
  if (event.previous !== previous) {
    throw new LogFileError(
      file,
      line,
      line === 1
        ? 'the first event does not start a log (its previous link is not the genesis link): the file is one plan’s export, or lost its first lines. Only a whole log can be imported'
        : 'the event does not follow the line before it in the chain: lines were removed, added or moved, or the file is one plan’s export. Only a whole log can be imported',
    );
  }
  const expected = (revisions.get(event.streamId) ?? -1) + 1;
  if (event.revision !== expected) {
    throw new LogFileError(file, line, `the event is revision ${event.revision} of ${event.streamId}, where revision ${expected} comes next`);
  }
  revisions.set(event.streamId, event.revision);
}

const restored = ({ eventId, streamId, revision, type, recordedAt, data, metadata }: LoggedEvent): RestoredEvent => ({
  eventId,
  streamId,
  revision,
  type,
  recordedAt,
  data,
  metadata,
});

/**
 * Loads an exported whole log into an empty store, keeping every event's id, recorded time and place in
 * the order, so the store's chain ends on the file's last link. The file is read twice: first checked
 * whole (every line's own link, the lines joining up, each stream's revisions), then appended.
 */
export async function importLog(store: EventStore, file: string, options: ImportOptions): Promise<ImportResult> {
  const head = await store.headPosition();
  if (head >= 0n) {
    throw new ImportError(`${options.storeName} already holds events (its last is at position ${head}): an import goes into an empty store only`);
  }
  const pageSize = options.pageSize ?? 1000;
  let previous = GENESIS;
  let revisions = new Map<string, number>();
  let events = 0;
  for await (const { line, event, bytesRead, size } of readLogFile(file)) {
    follows(file, line, event, previous, revisions);
    previous = event.chain;
    events = line;
    if (line % pageSize === 0) options.onProgress?.({ phase: 'checking', events, fraction: bytesRead / size });
  }
  if (events === 0) throw new ImportError(`${file} holds no events`);
  options.onProgress?.({ phase: 'checking', events, fraction: 1 });

  previous = GENESIS;
  revisions = new Map();
  let page: RestoredEvent[] = [];
  for await (const { line, event, bytesRead, size } of readLogFile(file)) {
    // Checked again as it is read: the file may have changed since.
    follows(file, line, event, previous, revisions);
    previous = event.chain;
    page.push(restored(event));
    if (page.length === pageSize) {
      await store.restore(page);
      page = [];
      options.onProgress?.({ phase: 'importing', events: line, fraction: bytesRead / size });
    }
  }
  await store.restore(page);
  options.onProgress?.({ phase: 'importing', events, fraction: 1 });
  const stored = await store.chainHead();
  if (stored.hash !== previous) {
    throw new ImportError(`After the import the store's chain ends on ${stored.hash}, not on the file's last link ${previous}: run npm run verify`);
  }
  return { events, head: stored };
}
