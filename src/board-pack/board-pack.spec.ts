import { given } from '../../test/support/decider-spec';
import { BoardPackCommand, BoardPackEvent, boardPackDecider, packIdOf, streamId } from './board-pack';

const plan = { exists: true, priorityIds: ['CYP P1'] };
const hashes = (digit: string) => ({ docx: digit.repeat(64), xlsx: 'b'.repeat(64), csv: 'c'.repeat(64), html: 'd'.repeat(64) });
const issueQ2 = (over: Partial<BoardPackCommand['data']> = {}): BoardPackCommand => ({
  type: 'IssueBoardPack',
  data: {
    planId: 'halton',
    plan,
    period: '2025-26 Q2',
    asOf: '2025-09-30',
    knownAt: '2025-10-20T09:00:00.000Z',
    lastPosition: 412,
    lastHash: '7'.repeat(64),
    sha256: hashes('a'),
    ...over,
  },
  now: '2025-10-22T14:00:00.000Z',
});
const issuedQ2 = (packId: string, digit = 'a'): BoardPackEvent => ({
  type: 'BoardPackIssued',
  data: {
    packId,
    period: '2025-26 Q2',
    asOf: '2025-09-30',
    knownAt: '2025-10-20T09:00:00.000Z',
    lastPosition: 412,
    lastHash: '7'.repeat(64),
    sha256: hashes(digit),
    effectiveOn: '2025-10-22',
  },
});

describe('board pack', () => {
  it('records the pack sent to the board, numbered within its period', () =>
    given(boardPackDecider).when(issueQ2()).then([issuedQ2('2025-26-Q2-1')]));

  it('numbers a second pack of the same period after the first', () =>
    given(boardPackDecider, [issuedQ2('2025-26-Q2-1', 'e')]).when(issueQ2()).then([issuedQ2('2025-26-Q2-2')]));

  it('refuses to issue again a pack identical to one already issued', () =>
    given(boardPackDecider, [issuedQ2('2025-26-Q2-1')])
      .when(issueQ2())
      .thenThrows('already-exists', /already issued to the board as 2025-26-Q2-1/, 'period'));

  it('refuses a pack for a plan that does not exist', () =>
    given(boardPackDecider)
      .when(issueQ2({ plan: { exists: false, priorityIds: [] } }))
      .thenThrows('not-found', /no plan "halton"/, 'planId'));

  it.each([
    ['period', { period: '2025-26' }, /is a financial year, but this needs a financial-year quarter/],
    ['asOf', { asOf: '2025-09-31' }, /real date/],
    ['knownAt', { knownAt: '2025-10-20' }, /UTC instant/],
    ['lastPosition', { lastPosition: -1 }, /whole number/],
    ['lastHash', { lastHash: 'ABC' }, /chain’s link at its last position/],
    ['sha256.csv', { sha256: { ...hashes('a'), csv: 'not a hash' } }, /csv file needs its SHA-256/],
  ])('refuses a bad %s', (field, over, message) =>
    given(boardPackDecider).when(issueQ2(over)).thenThrows('rule', message, field),
  );

  it('keeps each plan and period in a stream of its own, and ids readable in a path', () => {
    expect(streamId('halton', '2025-26 Q2')).toBe('boardpack-halton/2025-26%20Q2');
    expect(packIdOf('2025-26 Q3', 4)).toBe('2025-26-Q3-4');
  });
});
