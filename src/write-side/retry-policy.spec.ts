import { DomainError } from '../domain/domain-error';
import { EventStoreError, WrongExpectedRevisionError } from '../event-store/event-store.port';
import { MAX_ATTEMPTS, retries } from './retry-policy';

const conflict = new WrongExpectedRevisionError('milestone-h/P1', 3, 4);
const rule = new DomainError('rule', 'already has exactly this rating');

describe('when a command is decided again', () => {
  it('settles any doubt about a kept fold by reading the stream once', () => {
    expect(retries(conflict, { number: 1, cached: true })).toBe(true);
    expect(retries(rule, { number: 1, cached: true })).toBe(true);
    expect(retries(conflict, { number: 1, cached: true, expectedRevision: 3 })).toBe(true);
  });

  it('decides again on what another writer appended first, up to a limit', () => {
    expect(retries(conflict, { number: 1, cached: false })).toBe(true);
    expect(retries(conflict, { number: MAX_ATTEMPTS - 1, cached: false })).toBe(true);
    expect(retries(conflict, { number: MAX_ATTEMPTS, cached: false })).toBe(false);
  });

  it('answers at once a conflict with the revision the client expected, a rule broken, or a store failure', () => {
    expect(retries(conflict, { number: 1, cached: false, expectedRevision: 3 })).toBe(false);
    expect(retries(rule, { number: 1, cached: false })).toBe(false);
    expect(retries(new EventStoreError('disk full'), { number: 1, cached: true })).toBe(false);
  });
});
