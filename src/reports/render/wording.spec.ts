import { csvCell } from './report.csv';
import { longDate, longInstant, plainNumber, valueWithUnit } from './wording';

describe('the reports’ wording, the same on every machine', () => {
  it('writes dates and instants in words without the locale', () => {
    expect(longDate('2025-09-30')).toBe('30 September 2025');
    expect(longDate('2026-01-01')).toBe('1 January 2026');
    expect(longInstant('2025-10-20T09:05:07.123Z')).toBe('20 October 2025 at 09:05:07 UTC');
  });

  it('groups thousands and keeps decimals as recorded', () => {
    expect(plainNumber(12128)).toBe('12,128');
    expect(plainNumber(27725000)).toBe('27,725,000');
    expect(plainNumber(10.4)).toBe('10.4');
    expect(plainNumber(-3)).toBe('−3');
    expect(valueWithUnit(10.4, 'percent')).toBe('10.4%');
    expect(valueWithUnit(815412, 'GBP')).toBe('£815,412');
    expect(valueWithUnit(384, 'children')).toBe('384');
  });

  it('quotes CSV cells that need it, and keeps a would-be formula as text', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+44 151')).toBe("'+44 151");
    expect(csvCell('- a bullet')).toBe('- a bullet');
    expect(csvCell('-1+2')).toBe("'-1+2");
  });
});
