import { countRag, directionOf, emptyTotals } from './direction';

describe('direction of travel', () => {
  it('reads red → amber → green → complete as improvement', () => {
    expect(directionOf('amber', 'red')).toBe('improved');
    expect(directionOf('complete', 'green')).toBe('improved');
    expect(directionOf('red', 'green')).toBe('declined');
    expect(directionOf('amber', 'amber')).toBe('unchanged');
  });

  it('says nothing when either rating is missing or "not rated", but for not rated → red', () => {
    expect(directionOf('green', null)).toBeNull();
    expect(directionOf('red', null)).toBeNull();
    expect(directionOf(null, 'green')).toBeNull();
    expect(directionOf('not-rated', 'green')).toBeNull();
    expect(directionOf('green', 'not-rated')).toBeNull();
  });

  it('reads not rated → red as a decline', () => {
    expect(directionOf('red', 'not-rated')).toBe('declined');
  });

  it('counts a missing rating as not rated', () => {
    const totals = emptyTotals();
    ['green', 'green', 'red', 'not-rated', 'complete'].forEach((rag) => countRag(totals, rag));
    expect(totals).toEqual({ green: 2, amber: 0, red: 1, complete: 1, notRated: 1 });
  });
});
