import { Fact } from '../fact';
import { ACTOR_COLUMNS, actorValues, NO_ROWS, Projection, Row } from '../projection';
import { provenanceValue } from '../provenance';
import { RECOMMENDATIONS_MIGRATIONS } from './recommendations.migrations';

const statusRow = (fact: Fact, status: 'open' | 'closed', reason: string | null, evidence: string[] | null): Row => [
  'recommendation_statuses',
  [
    fact.position,
    fact.planId,
    fact.entityId,
    fact.event.type,
    status,
    reason,
    evidence ? JSON.stringify(evidence) : null,
    fact.effectiveOn,
    fact.recordedAt,
    ...actorValues(fact),
    provenanceValue(fact),
  ],
];

/** Recommendations, their status facts (raised, closed, reopened) and the milestones linked to them. */
export const recommendationsProjection: Projection = {
  name: 'recommendations',
  migrations: RECOMMENDATIONS_MIGRATIONS,
  tables: {
    recommendations: ['plan_id', 'recommendation_id', 'text', 'raised_on', 'source', 'position', 'recorded_at', 'provenance'],
    recommendation_statuses: [
      'position',
      'plan_id',
      'recommendation_id',
      'event_type',
      'status',
      'reason',
      'evidence',
      'effective_on',
      'recorded_at',
      ...ACTOR_COLUMNS,
      'provenance',
    ],
    recommendation_links: [
      'plan_id',
      'recommendation_id',
      'milestone_id',
      'effective_on',
      'position',
      'recorded_at',
      ...ACTOR_COLUMNS,
      'provenance',
    ],
  },
  project(fact: Fact): Row[] {
    const { event, planId, entityId, position, effectiveOn, recordedAt } = fact;
    switch (event.type) {
      case 'RecommendationRaised': {
        const { text, raisedOn, source } = event.data;
        return [
          ['recommendations', [planId, entityId, text, raisedOn, source ?? null, position, recordedAt, provenanceValue(fact)]],
          statusRow(fact, 'open', null, null),
        ];
      }
      case 'RecommendationClosed':
        return [statusRow(fact, 'closed', event.data.reason, event.data.evidence)];
      case 'RecommendationReopened':
        return [statusRow(fact, 'open', event.data.reason, null)];
      case 'MilestoneLinked':
        return [
          [
            'recommendation_links',
            [
              planId,
              entityId,
              event.data.milestoneId,
              effectiveOn,
              position,
              recordedAt,
              ...actorValues(fact),
              provenanceValue(fact),
            ],
          ],
        ];
      case 'PlanCreated':
      case 'PriorityAdded':
      case 'MilestoneAdded':
      case 'MilestoneUpdated':
      case 'MilestoneDueDateChanged':
      case 'VisitRecorded':
      case 'VisitFindingRecorded':
      case 'JudgementRecorded':
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
