import { Fact } from '../engine/fact';
import { NO_ROWS, Projection, Row } from '../engine/projection';
import { PORTFOLIO_MIGRATIONS } from './plans.migrations';

/** The plans themselves: the portfolio an adviser oversees. */
export const portfolioProjection: Projection = {
  name: 'portfolio',
  migrations: PORTFOLIO_MIGRATIONS,
  tables: { plans: ['plan_id', 'local_authority', 'title', 'position', 'recorded_at'] },
  project({ event, planId, position, recordedAt }: Fact): Row[] {
    switch (event.type) {
      case 'PlanCreated':
        return [['plans', [planId, event.data.localAuthority, event.data.title, position, recordedAt]]];
      case 'PriorityAdded':
      case 'MilestoneAdded':
      case 'MilestoneUpdated':
      case 'MilestoneDueDateChanged':
      case 'RecommendationRaised':
      case 'MilestoneLinked':
      case 'RecommendationClosed':
      case 'RecommendationReopened':
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
