import { comparePeriods, isQuarter, parsePeriod, previousQuarter, quarterContaining, quartersBetween, sameQuarterLastYear } from './period';

describe('reporting periods', () => {
  it.each([
    ['2025-26 Q1', '2025-04-01', '2025-06-30'],
    ['2025-26 Q2', '2025-07-01', '2025-09-30'],
    ['2025-26 Q3', '2025-10-01', '2025-12-31'],
    ['2025-26 Q4', '2026-01-01', '2026-03-31'],
    ['2023-24 Q4', '2024-01-01', '2024-03-31'],
    ['2099-00 Q4', '2100-01-01', '2100-03-31'],
  ])('reads the quarter %s as %s to %s', (text, start, end) =>
    expect(parsePeriod(text)).toEqual({ kind: 'quarter', text, start, end }),
  );

  it('reads a financial year as 1 April to 31 March', () =>
    expect(parsePeriod('2025-26')).toEqual({
      kind: 'financial-year',
      text: '2025-26',
      start: '2025-04-01',
      end: '2026-03-31',
    }));

  it('reads a month, leap Februaries included', () => {
    expect(parsePeriod('2025-09')).toEqual({ kind: 'month', text: '2025-09', start: '2025-09-01', end: '2025-09-30' });
    expect(parsePeriod('2024-02')?.end).toBe('2024-02-29');
    expect(parsePeriod('2025-02')?.end).toBe('2025-02-28');
  });

  it('reads the ambiguous 2011-12 as December 2011', () => expect(parsePeriod('2011-12')?.kind).toBe('month'));

  it.each([
    '2025-27 Q2',
    '2025-26 Q5',
    '2025-26 Q0',
    '2025-26Q2',
    '2025/26 Q2',
    'Q2 2025-26',
    '2025-27',
    '2025-13',
    '2025-9',
    '',
    ' 2025-26 Q2',
  ])('rejects %p', (text) => expect(parsePeriod(text)).toBeUndefined());

  it('tells quarters from other periods', () => {
    expect(isQuarter('2025-26 Q2')).toBe(true);
    expect(isQuarter('2025-26')).toBe(false);
    expect(isQuarter('2025-09')).toBe(false);
    expect(isQuarter('nonsense')).toBe(false);
  });

  it('orders periods by when they end, a year after its last quarter and month', () => {
    const texts = ['2025-26', '2026-03', '2025-26 Q4', '2025-26 Q1', '2024-25 Q4', 'garbage', '2025-09'];
    expect([...texts].sort(comparePeriods)).toEqual([
      '2024-25 Q4',
      '2025-26 Q1',
      '2025-09',
      '2026-03',
      '2025-26 Q4',
      '2025-26',
      'garbage',
    ]);
    expect(comparePeriods('2025-26 Q2', '2025-26 Q2')).toBe(0);
  });

  it('finds the previous quarter across a financial year', () => {
    expect(previousQuarter('2025-26 Q2')).toBe('2025-26 Q1');
    expect(previousQuarter('2025-26 Q1')).toBe('2024-25 Q4');
    expect(previousQuarter('2000-01 Q1')).toBe('1999-00 Q4');
  });

  it('finds the same quarter last year', () => {
    expect(sameQuarterLastYear('2025-26 Q2')).toBe('2024-25 Q2');
    expect(sameQuarterLastYear('2025-26 Q4')).toBe('2024-25 Q4');
  });

  it('finds the quarter a date falls in, across the turn of the calendar and financial years', () => {
    expect(['2025-09-30', '2025-10-01', '2026-01-01', '2026-03-31', '2026-04-01'].map(quarterContaining)).toEqual([
      '2025-26 Q2',
      '2025-26 Q3',
      '2025-26 Q4',
      '2025-26 Q4',
      '2026-27 Q1',
    ]);
  });

  it('lists the quarters from one to another, both included, keeping the latest when limited', () => {
    expect(quartersBetween('2025-26 Q3', '2026-27 Q1')).toEqual(['2025-26 Q3', '2025-26 Q4', '2026-27 Q1']);
    expect(quartersBetween('2026-27 Q1', '2025-26 Q3')).toEqual([]);
    expect(quartersBetween('2000-01 Q1', '2026-27 Q1', 2)).toEqual(['2025-26 Q4', '2026-27 Q1']);
  });

  it('has no previous quarter for something that is not a quarter', () => {
    expect(previousQuarter('2025-26')).toBeUndefined();
    expect(sameQuarterLastYear('2025-27 Q1')).toBeUndefined();
  });
});
