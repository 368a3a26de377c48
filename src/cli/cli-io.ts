import { existsSync } from 'node:fs';
import { ConfigError, EventStoreLocation } from '../config/config';
import { EventStore } from '../event-store/event-store.port';
import { openEventStore } from '../event-store/open-event-store';
import { ProgressOutput, progressReporter } from '../projections/rebuild/progress-bar';

/** What a command line writes to: results on `out`, progress and errors on `err`. */
export interface CliIo {
  out: (line: string) => void;
  err: ProgressOutput;
}

export const processIo = (): CliIo => ({ out: (line) => process.stdout.write(`${line}\n`), err: process.stderr });

/** The store as messages name it: a file's path, or a connection string without its credentials. */
export const storeName = (location: EventStoreLocation): string =>
  location.kind === 'sqlite' ? `The store ${location.path}` : `The KurrentDB store ${location.connectionString.replace(/\/\/[^@/]*@/, '//')}`;

/** Runs a command line as `npm run …` starts it: its exit code, or 1 with the cause on a failure. */
export function runMain(name: string, run: (args: string[], env: NodeJS.ProcessEnv, io: CliIo) => Promise<number>): void {
  run(process.argv.slice(2), process.env, processIo()).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      const known = error instanceof ConfigError || error instanceof CliError;
      process.stderr.write(`${known ? '' : `The ${name} command failed: `}${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

/** Argument errors are answered with the usage and exit code 2. */
export const usageError = (io: CliIo, why: string, usage: string): number => {
  io.err.write(`${why}\n${usage}\n`);
  return 2;
};

/** The parsed options, or the exit code when they could not be parsed (2) or only help was asked for (0). */
export function readArgs<T extends { help?: boolean }>(io: CliIo, usage: string, parse: () => T): T | number {
  let values: T;
  try {
    values = parse();
  } catch (error) {
    return usageError(io, error instanceof Error ? error.message : String(error), usage);
  }
  if (!values.help) return values;
  io.out(usage);
  return 0;
}

/** A command's own failure, told as it is (no stack): a missing store, a file in the way. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * Opens the configured store, showing the progress of an upgrade of an embedded store's file. `existing`:
 * a file store must already exist (a command that reads one must not create an empty one by a typo).
 */
export function openStore(location: EventStoreLocation, io: CliIo, existing: boolean): EventStore {
  if (existing && location.kind === 'sqlite' && location.path !== ':memory:' && !existsSync(location.path)) {
    throw new CliError(`${storeName(location)} does not exist: set EVENT_STORE_URL to the store to use`);
  }
  const upgrade = progressReporter(io.err);
  const store = openEventStore(location, { onUpgrade: ({ what, done, total }) => upgrade.update(total > 0 ? done / total : 1, `${what}: ${done} of ${total} events`) });
  upgrade.end();
  return store;
}
