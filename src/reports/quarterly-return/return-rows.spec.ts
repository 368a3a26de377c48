import { readRating } from './return-columns';
import { parseCsv } from './return-file';
import { checkRows } from './return-rows';

describe('reading a quarterly return', () => {
  it.each([
    ['Green', 'green'],
    ['GREEN', 'green'],
    [' amber ', 'amber'],
    ['Red', 'red'],
    ['complete', 'complete'],
    ['Not rated', 'not-rated'],
    ['not-rated', 'not-rated'],
    ['✓', 'green'],
    ['U', 'amber'],
    ['u', 'amber'],
    ['×', 'red'],
    ['✓ Green', 'green'],
    ['– Not rated', 'not-rated'],
  ])('reads the rating %p as %s', (text, rag) => expect(readRating(text)).toBe(rag));

  it.each(['Purple', 'G', '✓ Red', 'x', '', 'green-ish'])('does not guess a rating from %p', (text) => expect(readRating(text)).toBeUndefined());

  it('reads RFC 4180 CSV: quoted commas, doubled quotes, line breaks inside quotes, CRLF', () => {
    expect(parseCsv('a,b,c\r\n"1, one","say ""hi""","two\nlines"\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1, one', 'say "hi"', 'two\nlines'],
    ]);
    expect(parseCsv('x,y\nlast,row')).toEqual([
      ['x', 'y'],
      ['last', 'row'],
    ]);
  });

  const milestones = new Map([
    ['p1.1', 'P1.1'],
    ['p1.2', 'P1.2'],
    ['p2.1', 'P2.1'],
  ]);
  const row = (n: number, milestoneId: string, rating: string, commentary: string, reason = '') => ({
    row: n,
    cells: { milestoneId, rating, commentary, reason },
  });

  it('names every wrong row and column at once, and records nothing from a return with any', () => {
    const checked = checkRows(
      [row(7, 'P1.1', 'Purple', 'x'), row(8, 'P9.9', 'Green', 'x'), row(9, 'P1.2', 'Amber', ''), row(10, 'P1.1', 'Green', 'again'), row(11, 'P2.1', 'Red', 'ok')],
      '2025-26 Q3',
      milestones,
      () => undefined,
    );
    expect(checked.errors.map((e) => [e.row, e.column])).toEqual([
      [7, 'Rating'],
      [8, 'Milestone'],
      [9, 'Commentary'],
      [10, 'Milestone'],
    ]);
    expect(checked.errors[3]!.message).toMatch(/already rated in row 7/);
  });

  it('skips a row without a rating and one that repeats what is recorded; finds ids in any case', () => {
    const checked = checkRows(
      [row(2, 'p1.1', '', 'no rating, only words'), row(3, 'P1.2', 'U', 'Same as recorded'), row(4, 'p2.1', '×', 'Worse', 'Recount')],
      '2025-26 Q3',
      milestones,
      (id) => (id === 'P1.2' ? { rag: 'amber', commentary: 'Same as recorded' } : undefined),
    );
    expect(checked.errors).toEqual([]);
    expect(checked.skipped).toEqual([
      { row: 2, milestoneId: 'P1.1', why: 'no rating given' },
      { row: 3, milestoneId: 'P1.2', why: 'already recorded for 2025-26 Q3' },
    ]);
    expect(checked.updates).toEqual([{ row: 4, milestoneId: 'P2.1', rag: 'red', commentary: 'Worse', reason: 'Recount' }]);
  });
});
