import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config';
import { EventStore, WrongExpectedRevisionError } from '../event-store/event-store.port';
import { progressReporter } from '../projections/rebuild/progress-bar';
import { openReadModelDb } from '../projections/engine/read-model-db';
import { readModelsOn } from '../projections/all-projections';
import { rebuildReadModels } from '../projections/rebuild/rebuild';
import { CliError, CliIo, openStore, readArgs, runMain, storeName, usageError } from './cli-io';
import { LogFileError } from '../integrity/log-file';
import { ImportError, importLog } from '../integrity/import/import-log';

const USAGE = `Usage:
  npm run import -- --in halton.jsonl
Loads a whole exported log into the empty store named by EVENT_STORE_URL (SQLite or KurrentDB), keeping
every event's id, recorded time and order, then builds the read models (READ_MODEL_URL). Stop the server first.`;

/** `npm run import`: checks the file, appends it, rebuilds the read models, each with a progress bar. Returns the exit code. */
export async function runImportCli(args: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const values = readArgs(io, USAGE, () => parseArgs({ args, options: { in: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values);
  if (typeof values === 'number') return values;
  if (!values.in) return usageError(io, 'import needs --in <file>', USAGE);
  const file = values.in;
  let store: EventStore | undefined;
  let progress = progressReporter(io.err);
  try {
    const config = loadConfig(env);
    store = openStore(config.eventStore, io, false);
    let phase = '';
    const result = await importLog(store, file, {
      storeName: storeName(config.eventStore),
      onProgress: ({ phase: now, events, fraction }) => {
        if (now !== phase) {
          progress.end();
          progress = progressReporter(io.err);
          phase = now;
        }
        progress.update(fraction, `${now === 'checking' ? 'checking' : 'importing'} ${file}: ${events} events`);
      },
    });
    progress.end();
    io.out(`imported ${result.events} events from ${file}, head ${result.head.position} ${result.head.hash}`);
    const { db, owned } = openReadModelDb(config.readModelPath, store);
    progress = progressReporter(io.err);
    try {
      const rebuilt = await rebuildReadModels(readModelsOn(db), store, {
        onProgress: ({ events, position, head }) => progress.update(head > 0 ? position / head : 1, `read models: ${events} events`),
      });
      progress.end();
      io.out(`built the read models in ${config.readModelPath} from ${rebuilt.events} events`);
    } finally {
      if (owned) db.close();
    }
    return 0;
  } catch (error) {
    progress.end();
    const known = [ImportError, LogFileError, CliError, ConfigError, WrongExpectedRevisionError].some((kind) => error instanceof kind);
    if (!known) throw error;
    io.err.write(`${error instanceof WrongExpectedRevisionError ? `The store refused the import: ${error.message}` : (error as Error).message}\n`);
    return 1;
  } finally {
    await store?.close();
  }
}

if (require.main === module) runMain('import', runImportCli);
