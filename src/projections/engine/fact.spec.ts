import { StoredEvent } from '../../event-store/event-store.port';
import { toFact } from './fact';

const stored = (overrides: Partial<StoredEvent>): StoredEvent => ({
  eventId: 'e1',
  type: 'MilestoneUpdated',
  data: { period: '2025-26 Q2', rag: 'amber', commentary: 'c', effectiveOn: '2025-09-30' },
  metadata: { actor: { id: 'u1', name: 'Jane', role: 'board-member' }, effectiveOn: '2025-10-20' },
  streamId: 'milestone-halton/P2.1',
  revision: 3,
  position: 42n,
  recordedAt: '2025-10-20T09:00:00.000Z',
  ...overrides,
});

describe('a stored event as the read models see it', () => {
  it('names its plan and milestone from the stream id, and keeps both times', () => {
    expect(toFact(stored({}))).toMatchObject({
      planId: 'halton',
      entityId: 'P2.1',
      position: 42,
      effectiveOn: '2025-09-30',
      recordedAt: '2025-10-20T09:00:00.000Z',
      actor: { id: 'u1', name: 'Jane', role: 'board-member' },
    });
  });

  it('decodes ids that hold spaces or slashes', () => {
    expect(
      toFact(stored({ type: 'PriorityAdded', streamId: 'plan-my%20plan', data: { priorityId: 'CYP P2', title: 't' } })),
    ).toMatchObject({
      planId: 'my plan',
      entityId: '',
    });
    expect(toFact(stored({ streamId: 'milestone-a%2Fb/P1' }))).toMatchObject({ planId: 'a/b', entityId: 'P1' });
  });

  it('reads the day a fact applies to from its event, where its aggregate keeps it', () => {
    const effectiveOn = (type: string, streamId: string, data: object) => toFact(stored({ type, streamId, data }))?.effectiveOn;
    expect(effectiveOn('RecommendationRaised', 'recommendation-h/R1', { raisedOn: '2024-05-24' })).toBe('2024-05-24');
    expect(effectiveOn('VisitRecorded', 'visit-h/v1', { startDate: '2025-01-14', endDate: '2025-01-15' })).toBe('2025-01-15');
    expect(effectiveOn('MilestoneLinked', 'recommendation-h/R1', { milestoneId: 'P1', effectiveOn: '2024-06-10' })).toBe('2024-06-10');
    // Never a date that merely looks like one: a milestone's due date is not the day it was added.
    expect(effectiveOn('MilestoneAdded', 'milestone-h/P1', { milestoneId: 'P1', dueOn: '2026-03-31', effectiveOn: '2025-04-01' })).toBe(
      '2025-04-01',
    );
  });

  it('reads a link an older version recorded with its date in the metadata, or the day it was recorded', () => {
    expect(
      toFact(stored({ type: 'MilestoneLinked', streamId: 'recommendation-h/R1', data: { milestoneId: 'P1' } }))?.effectiveOn,
    ).toBe('2025-10-20');
    expect(
      toFact(stored({ type: 'MilestoneLinked', streamId: 'recommendation-h/R1', data: { milestoneId: 'P1' }, metadata: {} })),
    ).toMatchObject({
      effectiveOn: '2025-10-20',
      event: { data: { milestoneId: 'P1', effectiveOn: '2025-10-20' } },
      actor: { id: 'unknown', name: null, role: null },
    });
  });

  it('skips what it does not know: other event types, other streams, malformed stream ids', () => {
    expect(toFact(stored({ type: 'TokenIssued', streamId: 'token-abc' }))).toBeUndefined();
    expect(toFact(stored({ streamId: 'visit-halton/mv-1' }))).toBeUndefined();
    expect(toFact(stored({ streamId: 'milestone-halton' }))).toBeUndefined();
    expect(toFact(stored({ streamId: 'milestone-%E0%A4%A/P1' }))).toBeUndefined();
  });
});
