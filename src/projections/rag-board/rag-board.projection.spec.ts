import { Fact } from '../engine/fact';
import { isFactColumn } from '../engine/projection';
import { milestoneFact } from '../../../test/projections/support/facts';
import { ragBoardProjection } from './rag-board.projection';

describe('the RAG board projection', () => {
  it('keeps each rating as a fact of its own, with the quarters to compare it with', () => {
    const rows = ragBoardProjection.project(
      milestoneFact(
        {
          type: 'MilestoneUpdated',
          data: { period: '2025-26 Q1', rag: 'red', commentary: 'c', effectiveOn: '2025-06-30', reason: 'audit' },
        },
        { effectiveOn: '2025-06-30' },
      ),
    );
    expect(rows).toHaveLength(1);
    const { table, values } = rows[0]!;
    expect(table).toBe('milestone_ratings');
    expect(values).toEqual({
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
    });
  });

  it('records a milestone once, with its priority, and ignores what is not its business', () => {
    const added = ragBoardProjection.project(
      milestoneFact({ type: 'MilestoneAdded', data: { milestoneId: 'P2.1', priorityId: 'CYP P2', title: 'Fewer moves', effectiveOn: '2025-10-20' } }),
    );
    expect(added).toEqual([
      {
        table: 'board_milestones',
        values: {
          plan_id: 'halton',
          milestone_id: 'P2.1',
          priority_id: 'CYP P2',
          title: 'Fewer moves',
          owner: null,
          due_on: null,
          position: 7,
        },
      },
    ]);
    expect(ragBoardProjection.handles).not.toContain('IndicatorDefined');
  });

  it("gives every table a value for each of its columns but the fact's own, and nothing else", () => {
    const facts: Fact[] = [
      milestoneFact({ type: 'PriorityAdded', data: { priorityId: 'CYP P2', title: 't', effectiveOn: '2025-10-20' } }),
      milestoneFact({ type: 'MilestoneDueDateChanged', data: { dueOn: '2026-03-31', reason: 'r', effectiveOn: '2025-10-20' } }),
    ];
    for (const { table, values } of facts.flatMap((f) => ragBoardProjection.project(f))) {
      expect(Object.keys(values).sort()).toEqual(ragBoardProjection.tables[table]!.filter((c) => !isFactColumn(c)).sort());
    }
  });
});
