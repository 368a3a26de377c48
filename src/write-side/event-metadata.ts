import { Command, CommandContext } from '../domain/command';
import { EventMetadata } from '../event-store/event-store.port';

/**
 * What every event a command appends records besides its data: who acted, the command it came from (by
 * its type) and the request it answered, so an auditor can follow a fact back to its cause.
 */
export const metadataFor = (command: Command, context: CommandContext): EventMetadata => ({
  actor: context.actor,
  correlationId: context.correlationId,
  causationId: context.commandId,
  command: command.type,
  ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey, requestHash: context.requestHash } : {}),
  ...context.extra,
});
