import { DomainError } from '../domain/domain-error';
import { EventStoreError, StoreUnavailableError, WrongExpectedRevisionError } from '../event-store/event-store.port';
import { fromCrossing, toCrossing } from './writer-protocol';

/** What postMessage does to a value: a structured clone keeps data, not classes. */
const acrossThreads = (error: unknown) => fromCrossing(structuredClone(toCrossing(error)));

describe('errors crossing from the writer thread', () => {
  it('come back as the same errors, so they are answered as on one thread', () => {
    const conflict = acrossThreads(new WrongExpectedRevisionError('milestone-h/P1', 3, 'no-stream'));
    expect(conflict).toBeInstanceOf(WrongExpectedRevisionError);
    expect(conflict).toMatchObject({ streamId: 'milestone-h/P1', expected: 3, actual: 'no-stream' });

    const rule = acrossThreads(new DomainError('rule', 'needs a reason', 'reason'));
    expect(rule).toBeInstanceOf(DomainError);
    expect(rule).toMatchObject({ kind: 'rule', message: 'needs a reason', field: 'reason' });
    expect((acrossThreads(new DomainError('not-found', 'no such milestone')) as DomainError).field).toBeUndefined();

    expect(acrossThreads(new EventStoreError('The event store is closed'))).toBeInstanceOf(EventStoreError);

    const locked = acrossThreads(new StoreUnavailableError('Another process holds the write lock'));
    expect(locked).toBeInstanceOf(StoreUnavailableError);
    expect(locked).toMatchObject({ message: 'Another process holds the write lock', unconfirmed: false });
    expect((acrossThreads(new StoreUnavailableError('disk', true)) as StoreUnavailableError).unconfirmed).toBe(true);
  });

  it('keep at least the message of anything else', () => {
    const other = acrossThreads(new TypeError('x is undefined'));
    expect(other).toBeInstanceOf(Error);
    expect(other.message).toBe('x is undefined');
    expect(acrossThreads('a string thrown').message).toBe('a string thrown');
  });
});
