import { FactOf } from '../engine/fact';
import { ACTOR_COLUMNS, projection } from '../engine/projection';
import { RECOMMENDATIONS_MIGRATIONS } from './recommendations.migrations';

type Handled = FactOf<'RecommendationRaised' | 'RecommendationClosed' | 'RecommendationReopened' | 'MilestoneLinked'>;

/** Raising, closing and reopening are each a status fact (a link is none, so it never comes here). */
const statusRow = (fact: Handled, status: 'open' | 'closed', reason: string | null, evidence: string[] | null) =>
  ({
    table: 'recommendation_statuses',
    values: {
      position: fact.position,
      plan_id: fact.planId,
      recommendation_id: fact.entityId,
      event_type: fact.event.type,
      status,
      reason,
      evidence: evidence ? JSON.stringify(evidence) : null,
    },
  }) as const;

/** Recommendations, their status facts (raised, closed, reopened) and the milestones linked to them. */
export const recommendationsProjection = projection({
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
  handles: ['RecommendationRaised', 'RecommendationClosed', 'RecommendationReopened', 'MilestoneLinked'],
  project(fact) {
    const { event, planId, entityId, position } = fact;
    switch (event.type) {
      case 'RecommendationRaised': {
        const { text, raisedOn, source } = event.data;
        const values = {
          plan_id: planId,
          recommendation_id: entityId,
          text,
          raised_on: raisedOn,
          source: source ?? null,
          position,
        };
        return [{ table: 'recommendations', values }, statusRow(fact, 'open', null, null)];
      }
      case 'RecommendationClosed':
        return [statusRow(fact, 'closed', event.data.reason, event.data.evidence)];
      case 'RecommendationReopened':
        return [statusRow(fact, 'open', event.data.reason, null)];
      case 'MilestoneLinked': {
        const values = {
          plan_id: planId,
          recommendation_id: entityId,
          milestone_id: event.data.milestoneId,
          position,
        };
        return [{ table: 'recommendation_links', values }];
      }
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
});
