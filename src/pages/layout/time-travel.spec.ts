import { parseTimeTravel, withMoment } from './time-travel';
import { formatDate, formatInstant, ukToInstant, ukToday } from './uk-time';

describe('the moment a page shows', () => {
  const now = new Date('2026-11-22T12:00:00.000Z');

  it('shows today, as now known, when the address names no moment', () => {
    const parsed = parseTimeTravel({}, now);
    expect(parsed).toEqual({
      ok: true,
      timeTravel: {
        given: {},
        cut: { asOf: '2026-11-22', knownAt: '2026-11-22T12:00:00.000Z', recordedBy: '9999-12-31T23:59:59.999Z' },
      },
    });
    expect(parseTimeTravel({ asOf: '', knownAt: '  ' }, now)).toMatchObject({ ok: true, timeTravel: { given: {} } });
  });

  it('takes the API’s instants, and a UK date and time as people type them', () => {
    expect(parseTimeTravel({ asOf: '2025-09-30', knownAt: '2025-11-01T09:00:00Z' }, now)).toMatchObject({
      ok: true,
      timeTravel: { cut: { asOf: '2025-09-30', recordedBy: '2025-11-01T09:00:00.000Z' } },
    });
    // 1 November is GMT: UK time is UTC; the whole minute typed counts.
    expect(parseTimeTravel({ knownAt: '2025-11-01 14:30' }, now)).toMatchObject({
      ok: true,
      timeTravel: { given: { knownAt: '2025-11-01 14:30' }, knownAtInstant: '2025-11-01T14:30:59.999Z' },
    });
    // 1 July is BST: an hour ahead of UTC.
    expect(parseTimeTravel({ knownAt: '2025-07-01 09:05' }, now)).toMatchObject({
      ok: true,
      timeTravel: { knownAtInstant: '2025-07-01T08:05:59.999Z' },
    });
    // A date alone is the end of that day, UK time.
    expect(parseTimeTravel({ knownAt: '2025-07-01' }, now)).toMatchObject({
      ok: true,
      timeTravel: { knownAtInstant: '2025-07-01T22:59:59.999Z' },
    });
  });

  it('names each field it cannot read', () => {
    expect(parseTimeTravel({ asOf: '2025-02-30', knownAt: 'yesterday' }, now)).toEqual({
      ok: false,
      given: { asOf: '2025-02-30', knownAt: 'yesterday' },
      errors: [
        { field: 'asOf', message: 'Enter the “as of” date as a real date, for example 2025-09-30' },
        { field: 'knownAt', message: 'Enter “known at” as a date and time, for example 2025-11-01 14:30' },
      ],
    });
    expect(parseTimeTravel({ knownAt: '2025-11-01 25:00' }, now)).toMatchObject({ ok: false });
  });

  it('keeps the moment in the links it makes', () => {
    expect(withMoment('/plans/halton', { asOf: '2025-09-30' }, { rag: 'red' })).toBe('/plans/halton?rag=red&asOf=2025-09-30');
    expect(withMoment('/plans/halton', {})).toBe('/plans/halton');
  });
});

describe('UK time', () => {
  it('writes dates and instants the GOV.UK way', () => {
    expect(formatDate('2025-09-30')).toBe('30 September 2025');
    expect(formatInstant('2025-11-01T09:05:00.000Z')).toBe('1 November 2025 at 9:05am');
    expect(formatInstant('2025-07-01T12:00:00.000Z')).toBe('1 July 2025 at 1:00pm');
    expect(formatInstant('2025-07-01T23:30:00.000Z')).toBe('2 July 2025 at 12:30am');
  });

  it('turns UK clock readings into instants on either side of the clocks changing', () => {
    expect(ukToInstant('2025-03-30', 0, 30).toISOString()).toBe('2025-03-30T00:30:00.000Z');
    expect(ukToInstant('2025-03-30', 3, 0).toISOString()).toBe('2025-03-30T02:00:00.000Z');
    expect(ukToInstant('2025-10-26', 3, 0).toISOString()).toBe('2025-10-26T03:00:00.000Z');
    expect(ukToday(new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01');
  });
});
