import type Database from 'better-sqlite3';
import { access, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { openSqlite } from '../../event-store/sqlite-connection';
import { SqliteEventStore } from '../../event-store/sqlite-event-store';
import { Verdict } from '../chain-verifier';
import { verifyLog, WalkProgress } from '../verify/verify-log';

export interface BackupProgress {
  phase: 'copying' | 'verifying';
  fraction: number;
  label: string;
}

export type BackupResult = { ok: true; verdict: Extract<Verdict, { ok: true }> } | { ok: false; message: string };

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Steps of about a hundredth of the file, for the progress bar. */
const STEPS = 100;
/** One step copies at most this many pages: SQLite's own limit. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the embedded store's file (events and read models) with SQLite's online backup while the server
 * goes on writing, then verifies the copy's chain and checks that its head is a link of the live store's
 * chain. The copy appears under its name only once verified. A write by another connection makes SQLite
 * start a copy made in steps again, so after one such restart the rest is copied in one step (the
 * server keeps writing meanwhile: readers do not block it).
 */
export async function backupStore(path: string, out: string, onProgress?: (progress: BackupProgress) => void): Promise<BackupResult> {
  if (await access(out).then(() => true, () => false)) throw new BackupError(`${out} already exists: choose another name, or remove it first`);
  await access(dirname(out)).catch(() => {
    throw new BackupError(`${out} cannot be written: its directory ${dirname(out)} does not exist`);
  });
  await access(path).catch(() => {
    throw new BackupError(`The store ${path} does not exist`);
  });
  const partial = `${out}.${process.pid}.part`;
  const source = openSqlite(path, 'backup');
  try {
    let restarted = false;
    let lastRemaining = Infinity;
    await source.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        // No headway since the last step: another connection wrote, and SQLite started the copy again.
        if (remainingPages >= lastRemaining) restarted = true;
        lastRemaining = remainingPages;
        const done = totalPages - remainingPages;
        onProgress?.({ phase: 'copying', fraction: totalPages > 0 ? done / totalPages : 1, label: `${done} of ${totalPages} pages` });
        return restarted ? ALL_PAGES : Math.max(100, Math.ceil(totalPages / STEPS));
      },
    });
    const result = await verifyCopy(partial, source, onProgress);
    if (result.ok) await rename(partial, out);
    return result;
  } catch (error) {
    throw error instanceof BackupError ? error : new BackupError(`The backup of ${path} to ${out} failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    source.close();
    await rm(partial, { force: true });
    await rm(`${partial}-wal`, { force: true });
    await rm(`${partial}-shm`, { force: true });
  }
}

async function verifyCopy(copyPath: string, source: Database.Database, onProgress?: (progress: BackupProgress) => void): Promise<BackupResult> {
  const copy = new SqliteEventStore({ path: copyPath });
  try {
    const verdict = await verifyLog(copy, [], {
      onProgress: ({ events, position, head }: WalkProgress) =>
        onProgress?.({ phase: 'verifying', fraction: head > 0n ? Number(position) / Number(head) : 1, label: `${events} events` }),
    });
    if (!verdict.ok) return { ok: false, message: `The copy does not verify: ${verdict.message}` };
    if (verdict.head.position >= 0n) {
      const live = source.prepare<[number], Buffer | null>('SELECT chain FROM events WHERE position = ?').pluck().get(Number(verdict.head.position));
      if (live?.toString('hex') !== verdict.head.hash) {
        return { ok: false, message: `The copy's head (position ${verdict.head.position}) is not the live store's link at that position` };
      }
    }
    return { ok: true, verdict };
  } finally {
    await copy.close();
  }
}
