import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config';
import { EventStore } from '../event-store/event-store.port';
import { progressReporter } from '../projections/rebuild/progress-bar';
import { CliError, CliIo, openStore, readArgs, runMain, usageError } from './cli-io';
import { ExportError, exportLog } from '../integrity/export/export-log';

const USAGE = `Usage:
  npm run export -- --out halton.jsonl             the whole log of the store named by EVENT_STORE_URL
  npm run export -- --out halton.jsonl --plan halton   one plan's events, each with its links in the whole log
One event a line (JSON) with its ids, recorded time and links in the chain; the file must not exist yet.`;

/** `npm run export`: streams the log to a file with a progress bar. Returns the exit code. */
export async function runExportCli(args: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const values = readArgs(io, USAGE, () => parseArgs({ args, options: { out: { type: 'string' }, plan: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values);
  if (typeof values === 'number') return values;
  if (!values.out) return usageError(io, 'export needs --out <file>', USAGE);
  if (values.plan !== undefined && values.plan.trim() === '') return usageError(io, '--plan needs a planId', USAGE);
  let store: EventStore | undefined;
  const progress = progressReporter(io.err);
  try {
    const config = loadConfig(env);
    store = openStore(config.eventStore, io, true);
    const result = await exportLog(store, values.out, {
      ...(values.plan === undefined ? {} : { plan: values.plan }),
      onProgress: ({ events, position, head }) => progress.update(head > 0n ? Number(position) / Number(head) : 1, `${events} events`),
    });
    progress.end();
    const which = values.plan === undefined ? `${result.exported} events` : `${result.exported} events of plan ${values.plan} (of ${result.events} in the log)`;
    io.out(`exported ${which} to ${values.out}, head ${result.head.position} ${result.head.hash}`);
    return 0;
  } catch (error) {
    progress.end();
    if (!(error instanceof ExportError || error instanceof CliError || error instanceof ConfigError)) throw error;
    io.err.write(`${error.message}\n`);
    return 1;
  } finally {
    await store?.close();
  }
}

if (require.main === module) runMain('export', runExportCli);
