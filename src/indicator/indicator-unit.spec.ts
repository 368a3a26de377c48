import { outOfRange, unitKind } from './indicator-unit';

describe("an indicator's unit", () => {
  it.each([
    ['%', 'percentage'],
    ['per cent', 'percentage'],
    ['Percent', 'percentage'],
    ['% of children in care', 'percentage'],
    ['count', 'count'],
    ['number of referrals', 'count'],
    ['children', 'count'],
    ['Foster  carers', 'count'],
    ['GBP', 'measure'],
    ['rate', 'measure'],
    ['% a year', 'measure'],
    ['children per 10,000', 'measure'],
    ['days', 'measure'],
  ])('reads %p as a %s', (unit, kind) => expect(unitKind(unit)).toBe(kind));

  it('keeps a percentage from 0 to 100 and a count to whole numbers from 0', () => {
    expect([0, 10.4, 100].map((v) => outOfRange('percentage', v))).toEqual([undefined, undefined, undefined]);
    expect([-1, 100.01, 1e308].every((v) => outOfRange('percentage', v))).toBe(true);
    expect([0, 384].map((v) => outOfRange('count', v))).toEqual([undefined, undefined]);
    expect([-1, 2.5, 1e308].every((v) => outOfRange('count', v))).toBe(true);
    expect(outOfRange('measure', -125_000.5)).toBeUndefined();
  });
});
