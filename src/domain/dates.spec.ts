import { compareDates, isAfter, isBefore, isIsoDate, isOnOrAfter, isOnOrBefore, isWithin } from './dates';

describe('dates', () => {
  it.each(['2025-09-30', '2024-02-29', '2000-02-29', '2025-12-31', '2026-01-01'])('accepts %s', (d) =>
    expect(isIsoDate(d)).toBe(true),
  );

  it.each([
    '2025-02-30',
    '2025-02-29',
    '1900-02-29',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-9-1',
    '30/09/2025',
    '2025-09-30T00:00:00Z',
    '',
  ])('rejects %s', (d) => expect(isIsoDate(d)).toBe(false));

  it('rejects non-strings', () => {
    expect(isIsoDate(undefined)).toBe(false);
    expect(isIsoDate(20250930)).toBe(false);
  });

  it('compares validated dates in calendar order', () => {
    expect(compareDates('2025-09-30', '2025-10-01')).toBe(-1);
    expect(compareDates('2025-10-01', '2025-09-30')).toBe(1);
    expect(compareDates('2025-10-01', '2025-10-01')).toBe(0);
    expect(['2026-01-01', '2025-12-31', '2025-02-01'].sort(compareDates)).toEqual(['2025-02-01', '2025-12-31', '2026-01-01']);
    expect(isBefore('2025-06-30', '2025-07-01')).toBe(true);
    expect(isAfter('2025-06-30', '2025-07-01')).toBe(false);
    expect(isOnOrBefore('2025-07-01', '2025-07-01')).toBe(true);
    expect(isOnOrAfter('2025-06-30', '2025-07-01')).toBe(false);
    expect(isWithin('2025-09-30', '2025-07-01', '2025-09-30')).toBe(true);
    expect(isWithin('2025-10-01', '2025-07-01', '2025-09-30')).toBe(false);
  });
});
