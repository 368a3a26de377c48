import { Fact } from '../../../src/projections/engine/fact';

/** A fact of milestone P2.1 of plan halton, recorded by a board member, as projections are handed it. */
export const milestoneFact = (event: Fact['event'], overrides: Partial<Fact> = {}): Fact => ({
  event,
  position: 7,
  streamId: 'milestone-halton/P2.1',
  eventId: 'e7',
  revision: 1,
  planId: 'halton',
  entityId: 'P2.1',
  effectiveOn: '2025-09-30',
  recordedAt: '2025-10-20T09:00:00.000Z',
  actor: { id: 'u1', name: 'Jane', role: 'board-member', organisation: 'Halton Borough Council' },
  metadata: {},
  ...overrides,
});
