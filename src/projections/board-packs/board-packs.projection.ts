import { Fact } from '../fact';
import { ACTOR_COLUMNS, actorValues, NO_ROWS, Projection, Row } from '../projection';
import { BOARD_PACKS_MIGRATIONS } from './board-packs.migrations';

/** The packs issued to the board: what each showed, and the hash of each of its files. */
export const boardPacksProjection: Projection = {
  name: 'board-packs',
  migrations: BOARD_PACKS_MIGRATIONS,
  tables: {
    board_packs: [
      'position',
      'plan_id',
      'pack_id',
      'period',
      'as_of',
      'known_at',
      'last_position',
      'sha256',
      'recorded_at',
      ...ACTOR_COLUMNS,
    ],
  },
  project(fact: Fact): Row[] {
    const { event, planId, position, recordedAt } = fact;
    switch (event.type) {
      case 'BoardPackIssued': {
        const { packId, period, asOf, knownAt, lastPosition, sha256 } = event.data;
        const values = [position, planId, packId, period, asOf, knownAt, lastPosition, JSON.stringify(sha256), recordedAt];
        return [['board_packs', [...values, ...actorValues(fact)]]];
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
