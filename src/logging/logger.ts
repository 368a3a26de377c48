import pino, { Logger } from 'pino';
import { LogLevel } from '../config/config';

let stdout: ReturnType<typeof pino.destination> | undefined;

/** Lines are written out in blocks of about this many bytes, or when they have waited FLUSH_EVERY_MS. */
const BLOCK_BYTES = 4096;
const FLUSH_EVERY_MS = 200;

/**
 * Standard output, written without blocking: a line per request written synchronously to a pipe stops
 * the server whenever whatever reads the pipe falls behind. Under load, lines go out in blocks (one write
 * for many requests, not one each); a line never waits long for the block to fill, and what is still
 * buffered when the process exits is written then.
 */
function standardOutput(): pino.DestinationStream {
  if (!stdout) {
    const destination = pino.destination({ dest: 1, sync: false, minLength: BLOCK_BYTES });
    setInterval(() => destination.flush(), FLUSH_EVERY_MS).unref();
    process.once('exit', () => {
      try {
        destination.flushSync();
      } catch {
        // Nothing more can be done for a log that cannot be written as the process ends.
      }
    });
    stdout = destination;
  }
  return stdout;
}

/**
 * The product's structured log: one JSON object a line on standard output, with an ISO time, the level
 * as a word and the service's name; request lines carry the request id (`reqId`). Nothing here redacts:
 * no header or body is ever logged, so no token is (pino's redaction, tried as a backstop, cost more than
 * the rest of a request's log line).
 */
export function createLogger(level: LogLevel, destination: pino.DestinationStream = standardOutput()): Logger {
  return pino(
    {
      level,
      base: { service: 'improvement-plan-tracker' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
