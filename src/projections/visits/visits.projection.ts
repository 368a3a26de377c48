import { ACTOR_COLUMNS, projection } from '../engine/projection';
import { VISITS_MIGRATIONS } from './visits.migrations';

/** Ofsted visits, with the findings and judgements recorded against them. */
export const visitsProjection = projection({
  name: 'visits',
  migrations: VISITS_MIGRATIONS,
  tables: {
    visits: [
      'plan_id',
      'visit_id',
      'kind',
      'start_date',
      'end_date',
      'inspectors',
      'areas',
      'date_precision',
      'date_note',
      'position',
      'recorded_at',
      'provenance',
    ],
    visit_findings: [
      'position',
      'plan_id',
      'visit_id',
      'finding_id',
      'text',
      'assessment',
      'recommendation_ids',
      'area',
      'effective_on',
      'recorded_at',
      ...ACTOR_COLUMNS,
      'provenance',
      'paragraph',
    ],
    finding_recommendations: ['plan_id', 'recommendation_id', 'finding_position'],
    visit_judgements: [
      'position',
      'plan_id',
      'visit_id',
      'area',
      'grade',
      'framework',
      'effective_on',
      'recorded_at',
      ...ACTOR_COLUMNS,
      'provenance',
    ],
  },
  handles: ['VisitRecorded', 'VisitFindingRecorded', 'JudgementRecorded'],
  project(fact) {
    const { event, planId, entityId: visitId, position } = fact;
    switch (event.type) {
      case 'VisitRecorded': {
        const { kind, startDate, endDate, inspectors, areas, datePrecision, dateNote } = event.data;
        const values = {
          plan_id: planId,
          visit_id: visitId,
          kind,
          start_date: startDate,
          end_date: endDate,
          inspectors: JSON.stringify(inspectors ?? []),
          areas: JSON.stringify(areas ?? []),
          date_precision: datePrecision ?? null,
          date_note: dateNote ?? null,
          position,
        };
        return [{ table: 'visits', values }];
      }
      case 'VisitFindingRecorded': {
        const { findingId, text, assessment, recommendationIds = [], area, paragraph } = event.data;
        const finding = {
          position,
          plan_id: planId,
          visit_id: visitId,
          finding_id: findingId,
          text,
          assessment,
          recommendation_ids: JSON.stringify(recommendationIds),
          area: area ?? null,
          paragraph: paragraph ?? null,
        };
        return [
          { table: 'visit_findings', values: finding },
          ...recommendationIds.map(
            (id) => ({ table: 'finding_recommendations', values: { plan_id: planId, recommendation_id: id, finding_position: position } }) as const,
          ),
        ];
      }
      case 'JudgementRecorded': {
        const { area, grade, framework } = event.data;
        const values = {
          position,
          plan_id: planId,
          visit_id: visitId,
          area,
          grade,
          framework,
        };
        return [{ table: 'visit_judgements', values }];
      }
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
});
