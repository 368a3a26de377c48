import { Fact } from '../fact';
import { ACTOR_COLUMNS, actorValues, NO_ROWS, Projection, Row } from '../projection';
import { provenanceValue } from '../provenance';
import { VISITS_MIGRATIONS } from './visits.migrations';

/** Ofsted visits, with the findings and judgements recorded against them. */
export const visitsProjection: Projection = {
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
  project(fact: Fact): Row[] {
    const { event, planId, entityId: visitId, position, effectiveOn, recordedAt } = fact;
    switch (event.type) {
      case 'VisitRecorded': {
        const { kind, startDate, endDate, inspectors, areas, datePrecision, dateNote } = event.data;
        const values = [
          planId,
          visitId,
          kind,
          startDate,
          endDate,
          JSON.stringify(inspectors ?? []),
          JSON.stringify(areas ?? []),
          datePrecision ?? null,
          dateNote ?? null,
          position,
          recordedAt,
          provenanceValue(fact),
        ];
        return [['visits', values]];
      }
      case 'VisitFindingRecorded': {
        const { findingId, text, assessment, recommendationIds = [], area, paragraph } = event.data;
        const finding = [
          position,
          planId,
          visitId,
          findingId,
          text,
          assessment,
          JSON.stringify(recommendationIds),
          area ?? null,
          effectiveOn,
          recordedAt,
          ...actorValues(fact),
          provenanceValue(fact),
          paragraph ?? null,
        ];
        return [
          ['visit_findings', finding],
          ...recommendationIds.map((id): Row => ['finding_recommendations', [planId, id, position]]),
        ];
      }
      case 'JudgementRecorded': {
        const { area, grade, framework } = event.data;
        return [
          [
            'visit_judgements',
            [
              position,
              planId,
              visitId,
              area,
              grade,
              framework,
              effectiveOn,
              recordedAt,
              ...actorValues(fact),
              provenanceValue(fact),
            ],
          ],
        ];
      }
      case 'PlanCreated':
      case 'PriorityAdded':
      case 'MilestoneAdded':
      case 'MilestoneUpdated':
      case 'MilestoneDueDateChanged':
      case 'RecommendationRaised':
      case 'MilestoneLinked':
      case 'RecommendationClosed':
      case 'RecommendationReopened':
      case 'IndicatorDefined':
      case 'IndicatorValueRecorded':
        return NO_ROWS;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
