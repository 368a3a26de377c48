import { FailedAuthLimiter } from './failed-auth-limiter';

describe('failed-authentication limiter', () => {
  let now = 0;
  const limiter = (limit = 3, maxClients = 10_000) => new FailedAuthLimiter(limit, 60_000, () => now, maxClients);
  beforeEach(() => (now = 1_000_000));

  it('lets a client fail up to the limit, then tells it how long to wait', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfter('10.0.0.1')).toBeUndefined();
      l.recordFailure('10.0.0.1');
      now += 10_000;
    }
    expect(l.retryAfter('10.0.0.1')).toBe(30);
    expect(l.retryAfter('10.0.0.2')).toBeUndefined();
  });

  it('lets the client try again once its oldest failure is a minute old', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.recordFailure('a');
    now += 59_999;
    expect(l.retryAfter('a')).toBe(1);
    now += 1;
    expect(l.retryAfter('a')).toBeUndefined();
  });

  it('forgets the least recently failing clients beyond its size', () => {
    const l = limiter(1, 2);
    l.recordFailure('a');
    l.recordFailure('b');
    l.recordFailure('c');
    expect(l.retryAfter('a')).toBeUndefined();
    expect(l.retryAfter('b')).toBe(60);
    expect(l.retryAfter('c')).toBe(60);
  });
});
