import {
  AccessDeniedError,
  CancelledError,
  convertToCommandError,
  DeadlineExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
} from '@kurrent/kurrentdb-client';
import { EventStoreError, StoreUnavailableError } from './event-store.port';

/**
 * The client's own error for an error it raises unconverted (a gRPC status, e.g. from the capability
 * check that precedes an append), else the error itself.
 */
function commandErrorOf(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  try {
    return convertToCommandError(error as Parameters<typeof convertToCommandError>[0]);
  } catch {
    return error; // not shaped as a gRPC status after all
  }
}

/**
 * True when the request may not have reached the store, or its answer us: refused or lost connection, no
 * answer in time, a node that is no longer the leader. Anything else is the store's considered answer.
 */
export function isConnectionTrouble(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  const converted = commandErrorOf(error);
  return (
    converted instanceof UnavailableError ||
    converted instanceof DeadlineExceededError ||
    converted instanceof TimeoutError ||
    converted instanceof CancelledError ||
    converted instanceof NotLeaderError
  );
}

const messageOf = (error: unknown) => (error instanceof Error && error.message ? error.message : String(error));

/** The port's error for a failure of the client while `doing` something; errors of the port pass unchanged. */
export function toStoreError(error: unknown, doing: string): Error {
  if (error instanceof StoreUnavailableError || error instanceof EventStoreError) return error;
  if (isConnectionTrouble(error)) return new StoreUnavailableError(`The event store did not answer ${doing}: ${messageOf(error)}`);
  if (commandErrorOf(error) instanceof AccessDeniedError) {
    return new EventStoreError(
      `The event store refused access ${doing}: the user in EVENT_STORE_URL needs read and write access, and reading $all needs a member of $admins or $ops`,
    );
  }
  return error instanceof Error ? error : new EventStoreError(`The event store failed ${doing}: ${messageOf(error)}`);
}

/**
 * The work's outcome, or a StoreUnavailableError once `ms` have passed: the client sets no deadline on
 * reads through its native bridge, and a host that does not answer would hold a request for many seconds.
 * The work itself cannot be cancelled; its late outcome is ignored.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, doing: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailableError(`The event store did not answer within ${ms} ms ${doing}`)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
