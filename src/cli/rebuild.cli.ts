import { ConfigError, loadConfig } from '../config/config';
import { readModelsOn } from '../projections/all-projections';
import { openEventStore } from '../event-store/open-event-store';
import { ProgressOutput, progressReporter, summaryLine } from '../projections/rebuild/progress-bar';
import { openReadModelDb } from '../projections/engine/read-model-db';
import { rebuildReadModels, RebuildResult } from '../projections/rebuild/rebuild';

/**
 * `npm run projections:rebuild`: empties every read model of the configured store and replays it from
 * position 0, without the server (stop it first: its runner would not know its checkpoints moved).
 */
export async function runRebuild(
  env: Record<string, string | undefined>,
  out: ProgressOutput = process.stdout,
  err: ProgressOutput = process.stderr,
): Promise<RebuildResult> {
  const config = loadConfig(env);
  const store = openEventStore(config.eventStore);
  const { db, owned } = openReadModelDb(config.readModelPath, store);
  const progress = progressReporter(err);
  try {
    err.write(`Rebuilding the read models in ${config.readModelPath} from position 0\n`);
    const result = await rebuildReadModels(readModelsOn(db), store, {
      onProgress: ({ events, position, head }) => progress.update(head > 0 ? position / head : 1, `${events} events`),
    });
    progress.end();
    out.write(`${summaryLine(result.events, result.seconds, result.threads)}\n`);
    return result;
  } finally {
    if (owned) db.close();
    await store.close();
  }
}

if (require.main === module) {
  runRebuild(process.env).catch((error: unknown) => {
    process.stderr.write(
      `\n${error instanceof ConfigError ? '' : 'Rebuild failed: '}${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
