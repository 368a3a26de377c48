import { ANY, NO_STREAM, type AppendStreamState, type MultiAppendResult, type WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { AppendResult, EventStore, ExpectedRevision, NewEvent, unconfirmedAppend } from './event-store.port';
import { isConnectionTrouble, toStoreError } from './kurrentdb-errors';

/** One attempt of an append: done, or refused because the stream is not at the expected revision. */
export type Attempt =
  | { kind: 'appended'; nextRevision: bigint; position: bigint | undefined }
  | { kind: 'conflict'; actual?: number | 'no-stream' };

/** One attempt of a multi-stream append: done, or refused because one stream is not at its expected revision. */
export type ManyAttempt = { kind: 'appended'; result: MultiAppendResult } | { kind: 'conflict'; streamId: string; actual?: number | 'no-stream' };

export const actualOf = (error: WrongExpectedVersionError): number | 'no-stream' =>
  typeof error.actualState === 'bigint' ? Number(error.actualState) : 'no-stream';

export const toStreamState = (expected: ExpectedRevision): AppendStreamState =>
  expected === 'any' ? ANY : expected === 'no-stream' ? NO_STREAM : BigInt(expected);

/**
 * The outcome of `send`, sent once more if the store did not answer: the caller sends the very same events
 * (ids, metadata), which the server answers as it answered the first time if that one was recorded.
 * Twice without an answer, the change may have been recorded or not, and the caller is told so.
 */
export async function withOneRetry<T>(send: () => Promise<T>, doing: string): Promise<{ outcome: T; retried: boolean }> {
  try {
    return { outcome: await send(), retried: false };
  } catch (first) {
    if (!isConnectionTrouble(first)) throw toStoreError(first, doing);
    try {
      return { outcome: await send(), retried: true };
    } catch (second) {
      throw isConnectionTrouble(second) ? unconfirmedAppend('The event store did not answer') : toStoreError(second, doing);
    }
  }
}

/** The result of an append whose events the stream already holds at the expected revisions, or undefined. */
export async function alreadyAppended(
  store: Pick<EventStore, 'readStream'>,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): Promise<AppendResult | undefined> {
  if (expected === 'any') return undefined;
  const first = expected === 'no-stream' ? 0 : expected + 1;
  const stored = await store.readStream(streamId, { fromRevision: first, maxCount: events.length });
  if (stored.length !== events.length || stored.some((e, i) => e.eventId !== events[i]!.eventId)) return undefined;
  return { nextRevision: first + events.length - 1, position: stored[stored.length - 1]!.position };
}
