import { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

const contextOf = (params: unknown[]): string | undefined => {
  const last = params[params.length - 1];
  return typeof last === 'string' ? last : undefined;
};

const text = (message: unknown): string => (message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message));

/** Nest's own messages (start-up, module logs) as lines of the product's JSON log, with their context. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.logger.info({ context: contextOf(params) }, text(message));
  }

  /** Nest passes (message, stack, context) or (message, context). */
  error(message: unknown, ...params: unknown[]): void {
    const [stack] = params.length >= 2 ? params : [];
    this.logger.error({ context: contextOf(params), ...(typeof stack === 'string' ? { stack } : {}) }, text(message));
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.logger.warn({ context: contextOf(params) }, text(message));
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.logger.debug({ context: contextOf(params) }, text(message));
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.logger.trace({ context: contextOf(params) }, text(message));
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.logger.fatal({ context: contextOf(params) }, text(message));
  }
}
