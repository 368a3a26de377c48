import { randomUUID } from 'node:crypto';
import { ANONYMOUS } from '../domain/actor';
import { CommandContext } from '../domain/command';

/** The context of a command that answers no request (a command line's, the benchmark's): new ids, the given actor. */
export const newContext = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  actor: ANONYMOUS,
  correlationId: randomUUID(),
  commandId: randomUUID(),
  ...overrides,
});
