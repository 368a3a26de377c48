import { randomUUID } from 'node:crypto';
import { CommandContext, CommandResult } from '../domain/command';
import { DomainError } from '../domain/domain-error';
import { StoredEvent } from '../event-store/event-store.port';
import { deterministicUuid } from '../platform/ids';

/**
 * The id of a command's `index`-th event: derived from the caller's Idempotency-Key when it sent one, so a
 * retry appends events the store already has (and so nothing); otherwise new.
 */
export const eventIdFor = (context: CommandContext, streamId: string, index: number): string =>
  context.idempotencyKey ? deterministicUuid(context.actor.id, context.idempotencyKey, streamId, String(index)) : randomUUID();

/**
 * A request retried with the same Idempotency-Key is answered as the first time: the answer is found among
 * the stream's events (those the first attempt appended, by their ids). A key reused for a different
 * request is refused.
 */
export function findRetried(stored: readonly StoredEvent[], streamId: string, context: CommandContext): CommandResult | undefined {
  if (!context.idempotencyKey) return undefined;
  const firstId = eventIdFor(context, streamId, 0);
  const start = stored.findIndex((e) => e.eventId === firstId);
  if (start === -1) return undefined;
  if (stored[start]!.metadata.requestHash !== context.requestHash) {
    throw new DomainError(
      'rule',
      'This Idempotency-Key was already used for a different request; use a new key for a new request.',
      'Idempotency-Key',
    );
  }
  const batch = stored.slice(start).filter((e) => e.metadata.causationId === stored[start]!.metadata.causationId);
  const last = batch[batch.length - 1]!;
  return {
    streamId,
    revision: last.revision,
    position: Number(last.position),
    events: batch.map((e) => ({ eventId: e.eventId, type: e.type })),
  };
}
