import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config';
import { progressReporter } from '../projections/rebuild/progress-bar';
import { CliError, CliIo, readArgs, runMain, storeName, usageError } from './cli-io';
import { BackupError, backupStore } from '../integrity/backup/backup-store';

const USAGE = `Usage:
  npm run backup -- --out backups/tracker-2026-03-31.db
Copies the embedded store named by EVENT_STORE_URL (events and read models), while the server runs or not,
and verifies the copy. The file must not exist yet.`;

/** `npm run backup`: an online copy of the embedded store, verified, with a progress bar. Returns the exit code. */
export async function runBackupCli(args: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const values = readArgs(io, USAGE, () => parseArgs({ args, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values);
  if (typeof values === 'number') return values;
  if (!values.out) return usageError(io, 'backup needs --out <file>', USAGE);
  const out = values.out;
  let progress = progressReporter(io.err);
  try {
    const { eventStore } = loadConfig(env);
    if (eventStore.kind !== 'sqlite' || eventStore.path === ':memory:') {
      throw new CliError(
        `${storeName(eventStore)} is not a file: npm run backup copies the embedded store. Back KurrentDB up with its own tools, or take a copy of the log with npm run export`,
      );
    }
    let phase = '';
    const result = await backupStore(eventStore.path, out, ({ phase: now, fraction, label }) => {
      if (now !== phase) {
        progress.end();
        progress = progressReporter(io.err);
        phase = now;
      }
      progress.update(fraction, `${now} ${label}`);
    });
    progress.end();
    if (!result.ok) {
      io.err.write(`${result.message}. No backup was written.\n`);
      return 1;
    }
    const { events, head } = result.verdict;
    io.out(`backed up ${eventStore.path} to ${out}: verified ${events} events, head ${head.position} ${head.hash}`);
    return 0;
  } catch (error) {
    progress.end();
    if (!(error instanceof BackupError || error instanceof CliError || error instanceof ConfigError)) throw error;
    io.err.write(`${error.message}\n`);
    return 1;
  }
}

if (require.main === module) runMain('backup', runBackupCli);
