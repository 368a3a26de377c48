import { CommandsRefusedError } from '../domain/command';
import { DomainError } from '../domain/domain-error';
import { WrongExpectedRevisionError } from '../event-store/event-store.port';

/** Attempts before a conflict with another writer is given up as 409. */
export const MAX_ATTEMPTS = 5;

export interface Attempt {
  /** 1 for the first. */
  number: number;
  /** The command was decided on a fold kept from earlier, not on the stream as read just now. */
  cached: boolean;
  /** The revision the client said it expects (of the stream in conflict, for a batch), if it said one. */
  expectedRevision?: number;
}

/**
 * Whether a command that failed is decided again on the stream read afresh:
 * - a fold kept from earlier is trusted without reading the store (the append's revision check proves it
 *   current), so any doubt it raises (a rule broken, a revision the client did not expect, a conflict) is
 *   settled by reading the stream (every stream, for a batch) once;
 * - another writer appended first: the command is decided again on what it wrote, unless the client
 *   named the revision it expects (then the conflict is the client's answer), up to MAX_ATTEMPTS.
 * Anything else is the answer.
 */
export function retries(error: unknown, attempt: Attempt): boolean {
  const conflict = error instanceof WrongExpectedRevisionError;
  const refused = error instanceof DomainError || error instanceof CommandsRefusedError;
  if (attempt.cached && (conflict || refused)) return true;
  return conflict && attempt.expectedRevision === undefined && attempt.number < MAX_ATTEMPTS;
}
