import pino, { Logger } from 'pino';
import { LogLevel } from '../config/config';

/**
 * Where secrets could sit in what is logged: a request's headers (bearer tokens, cookies) and any field
 * named like a credential. Request lines are logged with method and URL only; this is the backstop.
 */
const REDACTED = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  '*.token',
  '*.secret',
  '*.password',
  'token',
  'secret',
  'password',
];

/**
 * The product's structured log: one JSON object a line on standard output, with an ISO time, the level
 * as a word and the service's name; request lines carry the request id (`reqId`).
 */
export function createLogger(level: LogLevel, destination: pino.DestinationStream = process.stdout): Logger {
  return pino(
    {
      level,
      base: { service: 'improvement-plan-tracker' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED, censor: '[redacted]' },
    },
    destination,
  );
}
