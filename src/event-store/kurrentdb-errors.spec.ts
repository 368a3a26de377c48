// The gRPC library the client is built on: its errors carry this metadata.
import { Metadata } from '@grpc/grpc-js';
import { AccessDeniedError, DeadlineExceededError, UnavailableError, UnknownError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { EventStoreError, StoreUnavailableError, unconfirmedAppend } from './event-store.port';
import { isConnectionTrouble, toStoreError, withDeadline } from './kurrentdb-errors';
import { toProblem } from '../web/problem.filter';

const status = { INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, UNAVAILABLE: 14 } as const;
const names: Record<number, string> = { 3: 'INVALID_ARGUMENT', 4: 'DEADLINE_EXCEEDED', 14: 'UNAVAILABLE' };

/** A gRPC status as the client raises it unconverted (its capability check before an append does). */
const grpcStatus = (code: number, details: string) => Object.assign(new Error(`${code} ${names[code]}: ${details}`), { code, details, metadata: new Metadata() });

describe('KurrentDB errors', () => {
  it('tells a request that may not have reached the store, or its answer us, from the store’s own answer', () => {
    expect(isConnectionTrouble(new UnavailableError(undefined, 'connection refused'))).toBe(true);
    expect(isConnectionTrouble(new DeadlineExceededError())).toBe(true);
    expect(isConnectionTrouble(grpcStatus(status.UNAVAILABLE, 'No connection established'))).toBe(true);
    expect(isConnectionTrouble(grpcStatus(status.DEADLINE_EXCEEDED, 'Deadline exceeded'))).toBe(true);
    expect(isConnectionTrouble(new StoreUnavailableError('no answer within 5000 ms'))).toBe(true);

    expect(isConnectionTrouble(new WrongExpectedVersionError(undefined, { streamName: 's', current: 1n, expected: 0n }))).toBe(false);
    expect(isConnectionTrouble(new AccessDeniedError())).toBe(false);
    expect(isConnectionTrouble(grpcStatus(status.INVALID_ARGUMENT, 'bad request'))).toBe(false);
    expect(isConnectionTrouble(new Error('disk full'))).toBe(false);
    expect(isConnectionTrouble('a string')).toBe(false);
  });

  it('turns an unreachable store into the port’s StoreUnavailableError, saying what was being done', () => {
    const error = toStoreError(grpcStatus(status.UNAVAILABLE, 'connect ECONNREFUSED 10.0.0.7:2113'), 'to a read of plan-halton');
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.message).toBe('The event store did not answer to a read of plan-halton: 14 UNAVAILABLE: connect ECONNREFUSED 10.0.0.7:2113');
  });

  it('says which credentials a refusal of access needs, reading $all included', () => {
    const error = toStoreError(new AccessDeniedError(), 'to a read of the log');
    expect(error).toBeInstanceOf(EventStoreError);
    expect(error.message).toContain('$admins or $ops');
  });

  it('passes the port’s own errors, and other errors of the store, unchanged', () => {
    const unconfirmed = unconfirmedAppend('The event store did not answer');
    expect(toStoreError(unconfirmed, 'to an append')).toBe(unconfirmed);
    const unknown = new UnknownError(undefined, 'InvalidPosition');
    expect(toStoreError(unknown, 'to the subscription')).toBe(unknown);
  });

  it('answers a store that cannot be reached with 503, and an unconfirmed append as possibly recorded', () => {
    expect(toProblem(toStoreError(new UnavailableError(undefined, 'connection refused'), 'to a read of plan-halton'))).toMatchObject({
      status: 503,
      title: 'The event store is unavailable',
      detail: 'The event store did not answer to a read of plan-halton: connection refused. Nothing was recorded. Please try again shortly.',
    });
    expect(toProblem(unconfirmedAppend('The event store did not answer'))).toMatchObject({
      status: 503,
      detail:
        'The event store did not answer before confirming this change, so it may have been recorded. Retry it with the same Idempotency-Key: it is then recorded once.',
    });
  });
});

describe('withDeadline', () => {
  it('gives the work’s outcome when it comes in time', async () => {
    await expect(withDeadline(Promise.resolve(7), 1000, 'to a read')).resolves.toBe(7);
    await expect(withDeadline(Promise.reject(new Error('refused')), 1000, 'to a read')).rejects.toThrow('refused');
  });

  it('gives up once the time has passed, and a late failure of the work goes nowhere', async () => {
    let failLate: (error: Error) => void = () => undefined;
    const work = new Promise<number>((_, reject) => (failLate = reject));
    await expect(withDeadline(work, 20, 'to a read of the head')).rejects.toEqual(
      new StoreUnavailableError('The event store did not answer within 20 ms to a read of the head'),
    );
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      failLate(new Error('connection reset'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
