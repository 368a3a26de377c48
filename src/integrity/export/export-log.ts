import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { access, rename, rm } from 'node:fs/promises';
import type { ChainHead, EventStore } from '../../event-store/event-store.port';
import { ChainVerifier } from '../chain-verifier';
import { toLine } from '../log-file';
import { belongsToPlan } from '../plan-streams';
import { walkLog, WalkProgress } from '../verify/verify-log';

export interface ExportOptions {
  /** Only this plan's events, each with its links in the whole log. */
  plan?: string;
  onProgress?: (progress: WalkProgress) => void;
}

export interface ExportResult {
  /** Events written to the file. */
  exported: number;
  /** Events in the log up to its head. */
  events: number;
  head: ChainHead;
}

/** Why an export was not written: a broken chain, a file in the way, a plan with no events. */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

/**
 * Writes the log to `out`, one event a line (log-file.ts), checking its chain on the way: a log whose
 * chain is broken is not exported. The file appears whole under its name or not at all.
 */
export async function exportLog(store: EventStore, out: string, options: ExportOptions = {}): Promise<ExportResult> {
  const exists = await access(out).then(
    () => true,
    () => false,
  );
  if (exists) throw new ExportError(`${out} already exists: choose another name, or remove it first`);
  const partial = `${out}.${process.pid}.part`;
  const file = createWriteStream(partial, { flags: 'wx' });
  const opened = once(file, 'open');
  await opened.catch((error: Error) => {
    throw new ExportError(`${out} cannot be written: ${error.message}`);
  });
  const verifier = new ChainVerifier();
  let exported = 0;
  let pending: string[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    if (!file.write(chunk)) await once(file, 'drain');
  };
  try {
    await walkLog(
      store,
      (event) => {
        const previous = verifier.lastLink;
        if (!verifier.add(event) || verifier.broken) return false;
        if (options.plan === undefined || belongsToPlan(event.streamId, options.plan)) {
          pending.push(`${toLine(event, previous, verifier.lastLink)}\n`);
          exported += 1;
        }
        return true;
      },
      {
        onProgress: async (progress) => {
          await flush();
          options.onProgress?.(progress);
        },
      },
    );
    await flush();
    const verdict = verifier.finish();
    if (!verdict.ok) throw new ExportError(`${verdict.message} Nothing was exported; run npm run verify for the details.`);
    if (options.plan !== undefined && exported === 0) throw new ExportError(`The log holds no events of plan "${options.plan}"`);
    file.end();
    await once(file, 'close');
    await rename(partial, out);
    return { exported, events: verdict.events, head: verdict.head };
  } catch (error) {
    file.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
