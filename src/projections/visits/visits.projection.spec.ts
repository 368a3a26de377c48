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
  actor: { id: 'u1', name: null, role: null, organisation: null },
  metadata: {},
});

describe('the visits projection', () => {
  it('indexes a finding under every recommendation it names, for their histories', () => {
    const rows = visitsProjection.project(finding(['R01', 'R03']));
    expect(rows.map(({ table }) => table)).toEqual(['visit_findings', 'finding_recommendations', 'finding_recommendations']);
    expect(rows.slice(1).map(({ values }) => values)).toEqual([
      { plan_id: 'halton', recommendation_id: 'R01', finding_position: 12 },
      { plan_id: 'halton', recommendation_id: 'R03', finding_position: 12 },
    ]);
  });

  it('keeps a finding that names no recommendation, with its visit', () => {
    const rows = visitsProjection.project(finding([]));
    expect(rows).toEqual([
      {
        table: 'visit_findings',
        values: {
          position: 12,
          plan_id: 'halton',
          visit_id: 'mv-2025-01',
          finding_id: 'f1',
          text: 'Delays persist',
          assessment: 'insufficient-progress',
          recommendation_ids: '[]',
          area: null,
          paragraph: null,
        },
      },
    ]);
  });
});
