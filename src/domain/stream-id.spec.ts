import { parseStreamId, streamIdOf } from './stream-id';

describe('stream ids', () => {
  it('encodes each id part, so ids with spaces stay readable and reversible', () => {
    expect(streamIdOf('plan', 'halton')).toBe('plan-halton');
    expect(streamIdOf('milestone', 'halton', 'P2.1')).toBe('milestone-halton/P2.1');
    expect(streamIdOf('plan', 'CYP P2')).toBe('plan-CYP%20P2');
  });

  it.each([
    ['plan', ['halton']],
    ['milestone', ['halton-2025', 'P2.1']],
    ['visit', ['CYP P2', 'MV 3 (Jan)']],
    ['indicator', ['a/b', 'c%2Fd']],
    ['recommendation', ['ünïcode', "R-03's"]],
  ])('round-trips %s %j', (streamType, parts) =>
    expect(parseStreamId(streamIdOf(streamType, ...parts))).toEqual({ streamType, parts }),
  );

  it('cannot collide when an id contains a slash', () => {
    const a = streamIdOf('milestone', 'a/b', 'c');
    const b = streamIdOf('milestone', 'a', 'b/c');
    expect(a).not.toBe(b);
    expect(a).toBe('milestone-a%2Fb/c');
  });

  it('refuses empty id parts and odd stream types', () => {
    expect(() => streamIdOf('plan', '')).toThrow();
    expect(() => streamIdOf('plan')).toThrow();
    expect(() => streamIdOf('my-plan', 'x')).toThrow();
  });

  it('does not parse something that is not a stream id', () => {
    expect(parseStreamId('plan')).toBeUndefined();
    expect(parseStreamId('plan-%E0%A4%A')).toBeUndefined();
  });
});
