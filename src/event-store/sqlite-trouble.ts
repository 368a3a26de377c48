import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreUnavailableError } from './event-store.port';

/** SQLite's result codes (better-sqlite3 names them in `code`), extended ones included: SQLITE_BUSY_TIMEOUT is a SQLITE_BUSY. */
const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
};

const is = (code: string | undefined, family: string) => code === family || code?.startsWith(`${family}_`) === true;

/**
 * The store's own trouble behind a failed read or write of the embedded store's file, as the API answers
 * it (503, with Retry-After), saying what is wrong with which file; undefined for any other error. A failed
 * commit that the disk itself refused may have reached it, so that one is answered as unconfirmed.
 */
export function storeTrouble(error: unknown, path: string): StoreUnavailableError | undefined {
  const code = codeOf(error);
  const file = path === ':memory:' ? 'the in-memory store' : resolve(path);
  if (is(code, 'SQLITE_BUSY') || is(code, 'SQLITE_LOCKED')) {
    return new StoreUnavailableError(`Another process holds the event store's write lock (${file}) and did not release it in time`);
  }
  if (is(code, 'SQLITE_READONLY')) {
    return new StoreUnavailableError(
      `The event store's file is read-only for the server (${file}): make it and its directory writable, then restart the server`,
    );
  }
  if (code === 'SQLITE_FULL') return new StoreUnavailableError(`The disk holding the event store (${file}) is full`);
  if (is(code, 'SQLITE_IOERR') || code === 'SQLITE_CORRUPT' || code === 'SQLITE_PROTOCOL') {
    return new StoreUnavailableError(
      `The event store's file (${file}) could not be read or written (${code}), so this change may or may not have been recorded. Retry it with the same Idempotency-Key: it is then recorded once.`,
      true,
    );
  }
  return undefined;
}

/** Why a SQLite file could not be opened, in words an operator can act on: the file, and the likely cause. */
export function openFailure(error: unknown, path: string, purpose: string): Error {
  const file = resolve(path);
  const directory = dirname(file);
  const reason = error instanceof Error ? error.message : String(error);
  const writable = (target: string) => {
    try {
      accessSync(target, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  };
  let cause: string;
  if (existsSync(file) && statSync(file).isDirectory()) cause = 'that path is a directory, not a file';
  else if (codeOf(error) === 'SQLITE_NOTADB') cause = 'the file is not a SQLite database';
  else if (existsSync(directory) && !statSync(directory).isDirectory()) cause = `${directory} is a file, not a directory`;
  else if (!existsSync(directory)) cause = `its directory ${directory} does not exist and could not be created`;
  else if (!writable(directory)) cause = `the server may not write in its directory ${directory} (the store keeps its -wal and -shm files beside it)`;
  else if (existsSync(file) && !writable(file)) cause = 'the file is read-only for the server';
  else if (is(codeOf(error), 'SQLITE_BUSY')) cause = 'another process holds it locked';
  else cause = 'check that the path is right and that the server may read and write it';
  return new Error(`The ${purpose} ${file} could not be opened (${reason}): ${cause}.`);
}
