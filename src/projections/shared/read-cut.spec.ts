import { isInstant, isPosition, readCut } from './read-cut';

describe('a read’s cut through the two timelines', () => {
  const now = new Date('2026-11-22T12:00:00.000Z');

  it('defaults to today and now, and then does not bound recorded times', () => {
    expect(readCut({}, now)).toEqual({
      asOf: '2026-11-22',
      knownAt: '2026-11-22T12:00:00.000Z',
      recordedBy: '9999-12-31T23:59:59.999Z',
    });
  });

  it('writes knownAt as the store writes recorded times (UTC, milliseconds), so they compare as text', () => {
    expect(readCut({ asOf: '2025-09-30', knownAt: '2025-10-01T10:30+01:00' }, now)).toEqual({
      asOf: '2025-09-30',
      knownAt: '2025-10-01T09:30:00.000Z',
      recordedBy: '2025-10-01T09:30:00.000Z',
    });
  });

  it.each(['2025-10-01T09:00:00Z', '2025-10-01T09:00Z', '2025-10-01T09:00:00.123456+02:00', '2024-02-29T23:59:59-05:00'])(
    'takes %s as an instant',
    (v) => expect(isInstant(v)).toBe(true),
  );

  it.each(['2025-10-01', '2025-10-01T09:00:00', '2025-02-30T09:00:00Z', '2025-10-01T24:00:00Z', 'now', ''])(
    'refuses %s as an instant',
    (v) => expect(isInstant(v)).toBe(false),
  );

  it('takes only non-negative whole numbers as positions', () => {
    expect(['0', '42', '123456789012345'].map(isPosition)).toEqual([true, true, true]);
    expect(['-1', '1.5', '1e3', '', 'x', '1234567890123456'].map(isPosition)).toEqual([false, false, false, false, false, false]);
  });
});
