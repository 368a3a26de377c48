import { ConfigError, loadConfig } from '../config/config';
import { readModelsOn } from '../projections/all-projections';
import { openEventStore } from '../event-store/open-event-store';
import { progressLine, summaryLine } from '../projections/rebuild/progress-bar';
import { openReadModelDb } from '../projections/engine/read-model-db';
import { rebuildReadModels, RebuildResult } from '../projections/rebuild/rebuild';

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

const REDRAW_MS = 100;

/**
 * `npm run projections:rebuild`: empties every read model of the configured store and replays it from
 * position 0, without the server (stop it first: its runner would not know its checkpoints moved).
 */
export async function runRebuild(
  env: Record<string, string | undefined>,
  out: Output = process.stdout,
  err: Output = process.stderr,
): Promise<RebuildResult> {
  const config = loadConfig(env);
  const store = openEventStore(config.eventStore);
  const { db, owned } = openReadModelDb(config.readModelPath, store);
  let drawn = 0;
  let lastPercent = -1;
  try {
    err.write(`Rebuilding the read models in ${config.readModelPath} from position 0\n`);
    const result = await rebuildReadModels(readModelsOn(db), store, {
      onProgress: ({ events, position, head }) => {
        const fraction = head > 0 ? position / head : 1;
        const label = `${events} events`;
        // A terminal gets a bar redrawn in place; a log gets a line every 10%.
        if (err.isTTY) {
          if (Date.now() - drawn >= REDRAW_MS || position >= head) {
            err.write(`\r${progressLine(fraction, label)}`);
            drawn = Date.now();
          }
        } else if (Math.floor(fraction * 10) > lastPercent) {
          lastPercent = Math.floor(fraction * 10);
          err.write(`${progressLine(fraction, label)}\n`);
        }
      },
    });
    if (err.isTTY) err.write('\n');
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
