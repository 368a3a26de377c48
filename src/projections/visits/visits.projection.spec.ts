import { Fact } from '../engine/fact';
import { visitsProjection } from './visits.projection';

const finding = (recommendationIds: string[]): Fact => ({
  event: {
    type: 'VisitFindingRecorded',
    data: {
      findingId: 'f1',
      text: 'Delays persist',
      assessment: 'insufficient-progress',
      recommendationIds,
      effectiveOn: '2025-01-15',
    },
  },
  position: 12,
  streamId: 'visit-halton/mv-2025-01',
  eventId: 'e12',
  revision: 2,
  planId: 'halton',
  entityId: 'mv-2025-01',
  effectiveOn: '2025-01-15',
  recordedAt: '2025-01-20T09:00:00.000Z',
  actor: { id: 'u1', name: null, role: null },
  metadata: {},
});

describe('the visits projection', () => {
  it('indexes a finding under every recommendation it names, for their histories', () => {
    const rows = visitsProjection.project(finding(['R01', 'R03']));
    expect(rows.map(([table]) => table)).toEqual(['visit_findings', 'finding_recommendations', 'finding_recommendations']);
    expect(rows.slice(1).map(([, values]) => values)).toEqual([
      ['halton', 'R01', 12],
      ['halton', 'R03', 12],
    ]);
  });

  it('keeps a finding that names no recommendation, with its visit and both times', () => {
    const [[table, values]] = visitsProjection.project(finding([])) as [[string, unknown[]]];
    expect(table).toBe('visit_findings');
    expect(values.slice(0, 10)).toEqual([
      12,
      'halton',
      'mv-2025-01',
      'f1',
      'Delays persist',
      'insufficient-progress',
      '[]',
      null,
      '2025-01-15',
      '2025-01-20T09:00:00.000Z',
    ]);
  });
});
