import pino, { Logger } from 'pino';
import { LogLevel } from '../config/config';

/**
 * The product's structured log: one JSON object a line on standard output, with an ISO time, the level
 * as a word and the service's name; request lines carry the request id (`reqId`). Nothing here redacts:
 * no header or body is ever logged, so no token is (pino's redaction, tried as a backstop, cost more than
 * the rest of a request's log line).
 */
export function createLogger(level: LogLevel, destination: pino.DestinationStream = process.stdout): Logger {
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
