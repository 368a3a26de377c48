import { randomUUID } from 'node:crypto';
import { AccessDeniedError, DeadlineExceededError, UnavailableError } from '@kurrent/kurrentdb-client';
import { EventStoreError, NewEvent, StoreUnavailableError } from './event-store.port';
import { alreadyAppended, withOneRetry } from './kurrentdb-append';
import { SqliteEventStore } from './sqlite-event-store';

/** A send that fails with the given errors, one per attempt, then succeeds; it counts its attempts. */
function sender(...failures: Error[]) {
  const attempts: number[] = [];
  const send = async () => {
    attempts.push(attempts.length + 1);
    const failure = failures[attempts.length - 1];
    if (failure) throw failure;
    return 'appended';
  };
  return { send, attempts };
}

describe('An append that gets no answer', () => {
  it('is sent once more, and the second answer counts', async () => {
    const { send, attempts } = sender(new UnavailableError(undefined, 'Connection dropped'));
    await expect(withOneRetry(send, 'to an append to plan-halton')).resolves.toEqual({ outcome: 'appended', retried: true });
    expect(attempts).toEqual([1, 2]);
  });

  it('is answered as possibly recorded when the second attempt gets no answer either', async () => {
    const { send, attempts } = sender(new DeadlineExceededError(), new StoreUnavailableError('no answer within 5000 ms'));
    const failure = await withOneRetry(send, 'to an append to plan-halton').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect(failure).toMatchObject({ unconfirmed: true, message: expect.stringContaining('may have been recorded') });
    expect(attempts).toEqual([1, 2]);
  });

  it('is not sent again when the store answered, even with a refusal', async () => {
    const { send, attempts } = sender(new AccessDeniedError());
    await expect(withOneRetry(send, 'to an append to plan-halton')).rejects.toBeInstanceOf(EventStoreError);
    expect(attempts).toEqual([1]);
  });

  it('whose retry conflicts with its own first attempt is found done, with the revision and position it got', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    try {
      const event = (type: string): NewEvent => ({ eventId: randomUUID(), type, data: {} });
      await store.append('plan-halton', [event('PlanCreated')], { expectedRevision: 'no-stream' });
      const ours = [event('PriorityAdded'), event('PriorityAdded')];
      const first = await store.append('plan-halton', ours, { expectedRevision: 0 });
      await expect(alreadyAppended(store, 'plan-halton', ours, 0)).resolves.toEqual(first);
      await expect(alreadyAppended(store, 'plan-halton', [event('PriorityAdded')], 0)).resolves.toBeUndefined();
      await expect(alreadyAppended(store, 'plan-halton', ours, 'any')).resolves.toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
