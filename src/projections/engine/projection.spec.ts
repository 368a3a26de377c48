import { milestoneFact } from '../../../test/projections/support/facts';
import { Fact } from './fact';
import { appendValues, SqlValue } from './projection';

const fact = (metadata: Record<string, unknown> = {}): Fact =>
  milestoneFact({ type: 'MilestoneUpdated', data: { period: '2025-26 Q2', rag: 'amber', commentary: 'c', effectiveOn: '2025-09-30' } }, { metadata });

const inserted = (columns: readonly string[], values: Record<string, SqlValue>, of: Fact): SqlValue[] => {
  const into: SqlValue[] = [];
  appendValues(columns, values as never, of, into);
  return into;
};

describe('a row as the engine inserts it', () => {
  it("takes the row's values in its table's order, and the fact's own columns from the fact", () => {
    const columns = ['position', 'rag', 'effective_on', 'recorded_at', 'actor_id', 'actor_name', 'actor_role', 'provenance', 'note'];
    expect(inserted(columns, { position: 7, rag: 'amber' }, fact())).toEqual([
      7,
      'amber',
      '2025-09-30',
      '2025-10-20T09:00:00.000Z',
      'u1',
      'Jane',
      'board-member',
      null,
      null,
    ]);
  });

  it('keeps where a fact transcribed from a published document was read, and how, and nothing else', () => {
    const provenance = {
      document: '004_7b3801fce1d4e3bc.txt',
      title: 'Quarterly monitoring report',
      publisher: 'Halton Borough Council',
      publishedOn: null,
      location: 'Appendix 1, row P2.1',
      reading: 'printed',
      reason: null,
      original: null,
      author: 'Halton Borough Council',
      inferred: [{ fields: ['rag'], reason: 'The progress symbol was lost in extraction.' }],
    };
    const [column] = inserted(['provenance'], {}, fact({ provenance: { ...provenance, somethingElse: 'dropped' } }));
    expect(JSON.parse(column as string)).toEqual(provenance);
  });

  it('refuses a column whose name is not plain, since names are compiled into the reader', () => {
    expect(() => inserted(['rag; drop'], {}, fact())).toThrow('not a plain lower-case name');
  });
});
