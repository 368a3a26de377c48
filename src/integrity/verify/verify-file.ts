import { GENESIS } from '../../event-store/chain';
import type { ChainHead, EventStore } from '../../event-store/event-store.port';
import { parseStreamId } from '../../domain/stream-id';
import { ChainVerifier } from '../chain-verifier';
import { LogFileError, readLogFile } from '../log-file';
import { walkLog, WalkProgress } from './verify-log';

export type FileVerdict =
  | { ok: true; kind: 'whole'; events: number; hash: string }
  /** `through`: the link of the file's last event in the store's chain, verified up to there. */
  | { ok: true; kind: 'plan'; events: number; plans: string[]; through: ChainHead }
  | { ok: false; message: string };

export interface FileVerifyOptions {
  onProgress?: (fraction: number, label: string) => void;
  onStoreProgress?: (progress: WalkProgress) => void;
}

/**
 * Verifies an exported file. A whole log proves itself: its lines join up from the genesis link, each
 * event giving its link. A plan's export cannot (the other plans' events between its lines are not in
 * it): each of its lines must be, link for link, the event the store holds at that place in its chain,
 * the store's chain must hold, and every event of the plan the store holds up to the file's last one
 * must be in the file.
 */
export async function verifyFile(file: string, store: () => EventStore, options: FileVerifyOptions = {}): Promise<FileVerdict> {
  let previous = GENESIS;
  let whole = true;
  let events = 0;
  try {
    for await (const { line, event, bytesRead, size } of readLogFile(file)) {
      if (event.previous !== previous) whole = false;
      previous = event.chain;
      events = line;
      if (line % 1000 === 0) options.onProgress?.(bytesRead / size, `${line} lines`);
    }
  } catch (error) {
    if (error instanceof LogFileError) return { ok: false, message: error.message };
    throw error;
  }
  if (events === 0) return { ok: false, message: `${file} holds no events` };
  options.onProgress?.(1, `${events} lines`);
  return whole ? { ok: true, kind: 'whole', events, hash: previous } : againstStore(file, store(), options);
}

async function againstStore(file: string, store: EventStore, options: FileVerifyOptions): Promise<FileVerdict> {
  const lines = new Map<string, { line: number; chain: string }>();
  const plans = new Set<string>();
  for await (const { line, event } of readLogFile(file)) {
    lines.set(event.eventId, { line, chain: event.chain });
    const plan = parseStreamId(event.streamId)?.parts[0];
    if (plan !== undefined) plans.add(plan);
  }
  const verifier = new ChainVerifier();
  let found = 0;
  let lastLine = 0;
  let failure: string | undefined;
  /** Events of the file's plans the store holds but the file lacks, while file lines are still to come. */
  let missing: { position: bigint; streamId: string; revision: number } | undefined;
  await walkLog(
    store,
    (event) => {
      if (!verifier.add(event) || verifier.broken) return false;
      const entry = lines.get(event.eventId);
      if (!entry) {
        const plan = parseStreamId(event.streamId)?.parts[0];
        if (plan !== undefined && plans.has(plan) && !missing) missing = { position: event.position, streamId: event.streamId, revision: event.revision };
        return true;
      }
      if (entry.chain !== verifier.lastLink) {
        failure = `${file} line ${entry.line}: its link is not the one the store's chain has for that event (position ${event.position}): the line was changed after it was exported`;
        return false;
      }
      if (entry.line < lastLine) {
        failure = `${file} line ${entry.line}: the event comes before line ${lastLine} in the store's log: lines were moved`;
        return false;
      }
      if (missing) {
        failure = `${file} lacks the store's event at position ${missing.position} (${missing.streamId} revision ${missing.revision}), before line ${entry.line}: it was removed from the file`;
        return false;
      }
      lastLine = entry.line;
      found += 1;
      lines.delete(event.eventId);
      return lines.size > 0;
    },
    { ...(options.onStoreProgress ? { onProgress: options.onStoreProgress } : {}) },
  );
  if (failure) return { ok: false, message: failure };
  const verdict = verifier.finish();
  if (!verdict.ok) return { ok: false, message: `The store's own chain is broken, so the file cannot be checked against it. ${verdict.message}` };
  const [absent] = [...lines.entries()].sort(([, a], [, b]) => a.line - b.line);
  if (absent) return { ok: false, message: `${file} line ${absent[1].line}: event ${absent[0]} is not in the store's log` };
  return { ok: true, kind: 'plan', events: found, plans: [...plans].sort(), through: verdict.head };
}
