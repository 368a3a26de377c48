import { upcast } from './upcast';

describe('events recorded by an older version of the product', () => {
  const recordedAt = '2025-11-05T10:00:00.000Z';

  it('get the day they apply to from the metadata they were recorded with', () => {
    const old = { milestoneId: 'P1.1' };
    expect(upcast('MilestoneLinked', old, { effectiveOn: '2024-06-10' }, recordedAt)).toEqual({ milestoneId: 'P1.1', effectiveOn: '2024-06-10' });
    expect(upcast('PlanCreated', { planId: 'h' }, { effectiveOn: '2024-05-28' }, recordedAt)).toEqual({ planId: 'h', effectiveOn: '2024-05-28' });
  });

  it('else the day they were recorded', () => {
    expect(upcast('MilestoneDueDateChanged', { dueOn: '2026-06-30', reason: 'r' }, {}, recordedAt)).toEqual({
      dueOn: '2026-06-30',
      reason: 'r',
      effectiveOn: '2025-11-05',
    });
    expect(upcast('IndicatorDefined', { indicatorId: 'x' }, { effectiveOn: 'soon' }, recordedAt)).toMatchObject({ effectiveOn: '2025-11-05' });
  });

  it('are left as they are when they carry their day, or never lacked one', () => {
    const current = { milestoneId: 'P1.1', effectiveOn: '2025-01-01' };
    expect(upcast('MilestoneLinked', current, { effectiveOn: '2024-06-10' }, recordedAt)).toBe(current);
    const rating = { period: '2025-26 Q2', effectiveOn: '2025-09-30' };
    expect(upcast('MilestoneUpdated', rating, { effectiveOn: '2025-10-20' }, recordedAt)).toBe(rating);
    const raised = { raisedOn: '2024-05-24' };
    expect(upcast('RecommendationRaised', raised, {}, recordedAt)).toBe(raised);
  });
});
