import { Fact } from '../fact';
import { ragBoardProjection } from './rag-board.projection';

const fact = (event: Fact['event'], overrides: Partial<Fact> = {}): Fact => ({
  event,
  position: 7,
  streamId: 'milestone-halton/P2.1',
  eventId: 'e7',
  revision: 1,
  planId: 'halton',
  entityId: 'P2.1',
  effectiveOn: '2025-09-30',
  recordedAt: '2025-10-20T09:00:00.000Z',
  actor: { id: 'u1', name: 'Jane', role: 'board-member' },
  metadata: {},
  ...overrides,
});

describe('the RAG board projection', () => {
  it('keeps each rating as a fact of its own, with the quarters to compare it with', () => {
    const rows = ragBoardProjection.project(
      fact(
        {
          type: 'MilestoneUpdated',
          data: { period: '2025-26 Q1', rag: 'red', commentary: 'c', effectiveOn: '2025-06-30', reason: 'audit' },
        },
        { effectiveOn: '2025-06-30' },
      ),
    );
    const columns = ragBoardProjection.tables.milestone_ratings!;
    expect(rows).toHaveLength(1);
    const [table, values] = rows[0]!;
    expect(table).toBe('milestone_ratings');
    expect(Object.fromEntries(columns.map((c, i) => [c, values[i]]))).toEqual({
      position: 7,
      plan_id: 'halton',
      milestone_id: 'P2.1',
      period: '2025-26 Q1',
      previous_period: '2024-25 Q4',
      last_year_period: '2024-25 Q1',
      rag: 'red',
      forecast_rag: null,
      commentary: 'c',
      reason: 'audit',
      note: null,
      effective_on: '2025-06-30',
      recorded_at: '2025-10-20T09:00:00.000Z',
      actor_id: 'u1',
      actor_name: 'Jane',
      actor_role: 'board-member',
      provenance: null,
    });
  });

  it('keeps where a rating transcribed from a published report was read, and how', () => {
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
    const [[, values]] = ragBoardProjection.project(
      fact(
        {
          type: 'MilestoneUpdated',
          data: { period: '2025-26 Q2', rag: 'not-rated', commentary: 'c', effectiveOn: '2025-09-30' },
        },
        { metadata: { provenance: { ...provenance, somethingElse: 'dropped' } } },
      ),
    ) as [[string, unknown[]]];
    const column = ragBoardProjection.tables.milestone_ratings!.indexOf('provenance');
    expect(JSON.parse(values[column] as string)).toEqual(provenance);
  });

  it('records a milestone once, with its priority, and ignores what is not its business', () => {
    const added = ragBoardProjection.project(
      fact({ type: 'MilestoneAdded', data: { milestoneId: 'P2.1', priorityId: 'CYP P2', title: 'Fewer moves' } }),
    );
    expect(added).toEqual([
      ['board_milestones', ['halton', 'P2.1', 'CYP P2', 'Fewer moves', null, null, 7, '2025-10-20T09:00:00.000Z', null]],
    ]);
    expect(
      ragBoardProjection.project(fact({ type: 'IndicatorDefined', data: { indicatorId: 'x', title: 't', unit: 'u' } })),
    ).toEqual([]);
  });

  it('gives every table a value for each of its columns', () => {
    const facts: Fact[] = [
      fact({ type: 'PriorityAdded', data: { priorityId: 'CYP P2', title: 't' } }),
      fact({ type: 'MilestoneDueDateChanged', data: { dueOn: '2026-03-31', reason: 'r' } }),
    ];
    for (const [table, values] of facts.flatMap((f) => ragBoardProjection.project(f))) {
      expect([table, values.length]).toEqual([table, ragBoardProjection.tables[table]!.length]);
    }
  });
});
