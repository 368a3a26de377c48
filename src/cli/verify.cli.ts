import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config';
import { LINK_HEX } from '../event-store/chain';
import { EventStore } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { progressReporter } from '../projections/rebuild/progress-bar';
import { Anchor, Verdict } from '../integrity/chain-verifier';
import { CliError, CliIo, openStore, readArgs, runMain, usageError } from './cli-io';
import { verifyFile } from '../integrity/verify/verify-file';
import { verifyLog } from '../integrity/verify/verify-log';

const USAGE = `Usage:
  npm run verify                                 checks the whole log of the store named by EVENT_STORE_URL
  npm run verify -- --head <position>:<hash>     …and that the log still holds a head recorded earlier (repeatable)
  npm run verify -- --in halton.jsonl            checks an exported file (a plan's export against the store)
Exits 0 when everything holds, 1 naming the first position (or line) that does not.`;

const parseAnchor = (text: string): Anchor | undefined => {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  return match && LINK_HEX.test(match[2]!) ? { position: BigInt(match[1]!), hash: match[2]! } : undefined;
};

/** Events after the last were deleted if the embedded store once gave higher positions. */
function tailCheck(store: EventStore, verdict: Verdict): Verdict {
  if (!verdict.ok || !(store instanceof SqliteEventStore)) return verdict;
  const given = store.highestPositionGiven();
  if (given <= verdict.head.position) return verdict;
  const position = verdict.head.position + 1n;
  return {
    ok: false,
    events: verdict.events,
    position,
    message: `The chain breaks at position ${position}: the log ends at position ${verdict.head.position}, but the store gave positions up to ${given}: the events after position ${verdict.head.position} were deleted.`,
  };
}

/** `npm run verify`: walks the log (or checks a file) with a progress bar. Returns the exit code. */
export async function runVerifyCli(args: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const values = readArgs(io, USAGE, () => parseArgs({ args, options: { head: { type: 'string', multiple: true }, in: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values);
  if (typeof values === 'number') return values;
  const anchors: Anchor[] = [];
  for (const text of values.head ?? []) {
    const anchor = parseAnchor(text);
    if (!anchor) return usageError(io, `--head must be <position>:<64 lower-case hex digits>; got "${text}"`, USAGE);
    anchors.push(anchor);
  }
  if (values.in !== undefined && anchors.length > 0) return usageError(io, '--head checks the store, --in a file: give one or the other', USAGE);
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const progress = progressReporter(io.err);
  let store: EventStore | undefined;
  const open = () => (store ??= openStore(config.eventStore, io, true));
  try {
    if (values.in !== undefined) {
      const file = values.in;
      const verdict = await verifyFile(file, open, {
        onProgress: (fraction, label) => progress.update(fraction, `${file}: ${label}`),
        onStoreProgress: ({ events, position, head }) => progress.update(head > 0n ? Number(position) / Number(head) : 1, `the store: ${events} events`),
      });
      progress.end();
      if (!verdict.ok) {
        io.err.write(`${verdict.message}\n`);
        return 1;
      }
      io.out(
        verdict.kind === 'whole'
          ? `verified ${verdict.events} events of a whole log in ${file}, head ${verdict.hash}`
          : `verified ${verdict.events} events of ${verdict.plans.join(', ')} in ${file} against the store's log, through position ${verdict.through.position} ${verdict.through.hash}`,
      );
      return 0;
    }
    const verdict = tailCheck(
      open(),
      await verifyLog(open(), anchors, {
        onProgress: ({ events, position, head }) => progress.update(head > 0n ? Number(position) / Number(head) : 1, `${events} events`),
      }),
    );
    progress.end();
    if (!verdict.ok) {
      io.err.write(`${verdict.message}\n${verdict.events} events before it verified.\n`);
      return 1;
    }
    io.out(`verified ${verdict.events} events, head ${verdict.head.position} ${verdict.head.hash}`);
    return 0;
  } catch (error) {
    progress.end();
    if (!(error instanceof CliError)) throw error;
    io.err.write(`${error.message}\n`);
    return 1;
  } finally {
    await store?.close();
  }
}

if (require.main === module) runMain('verify', runVerifyCli);
