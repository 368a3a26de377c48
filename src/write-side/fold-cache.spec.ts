import { FoldCache, sizeOf } from './fold-cache';

const milestone = { decide: 'milestone' };
const plan = { decide: 'plan' };
const state = (commentary: string) => ({ status: 'active', ratings: { '2025-26 Q2': { rag: 'amber', commentary } } });

describe('the folds kept between commands', () => {
  it('estimates a state by its strings and properties, on the large side', () => {
    expect(sizeOf('abc')).toBe(15);
    expect(sizeOf({ a: 'abc' })).toBe(16 + 12 + 15);
    expect(sizeOf([1, 'x'])).toBe(16 + 4 + 4 + 13);
    expect(sizeOf(state('x'.repeat(2000)))).toBeGreaterThan(2000);
  });

  it('keeps the most recently used within its limit, dropping the least recently used first', () => {
    const cache = new FoldCache(3 * 1300);
    for (const id of ['a', 'b', 'c']) cache.fold(id, milestone, 0, state('x'.repeat(1000)));
    expect(cache.usage().streams).toBe(3);
    cache.get('a', milestone); // a is now the most recently used: b goes first
    cache.fold('d', milestone, 0, state('x'.repeat(1000)));
    expect(['a', 'b', 'c', 'd'].map((id) => cache.get(id, milestone) !== undefined)).toEqual([true, false, true, true]);
    expect(cache.usage().bytes).toBeLessThanOrEqual(3 * 1300);
  });

  it('keeps a stream larger than the limit on its own rather than none', () => {
    const cache = new FoldCache(100);
    cache.fold('a', milestone, 4, state('x'.repeat(1000)));
    expect(cache.get('a', milestone)).toMatchObject({ revision: 4 });
    expect(cache.usage().streams).toBe(1);
  });

  it('grows a fold by the size of the events appended to it', () => {
    const cache = new FoldCache();
    const before = cache.fold('a', milestone, 0, state('short'));
    cache.grow('a', before, 1, state('a longer commentary'), [{ data: { commentary: 'x'.repeat(500) } }]);
    expect(cache.get('a', milestone)).toMatchObject({ revision: 1, bytes: before.bytes + sizeOf({ commentary: 'x'.repeat(500) }) });
  });

  it('gives a fold only to the decider that folded it, and forgets on request', () => {
    const cache = new FoldCache();
    cache.fold('a', milestone, 0, state('x'));
    expect(cache.get('a', plan)).toBeUndefined();
    cache.forget('a');
    expect(cache.get('a', milestone)).toBeUndefined();
    expect(cache.usage()).toEqual({ streams: 0, bytes: 0 });
  });
});
