import { ACTOR_COLUMNS, projection } from '../engine/projection';
import { BOARD_PACKS_MIGRATIONS } from './board-packs.migrations';

/** The packs issued to the board: what each showed, and the hash of each of its files. */
export const boardPacksProjection = projection({
  name: 'board-packs',
  migrations: BOARD_PACKS_MIGRATIONS,
  tables: {
    board_packs: ['position', 'plan_id', 'pack_id', 'period', 'as_of', 'known_at', 'last_position', 'last_hash', 'sha256', 'recorded_at', ...ACTOR_COLUMNS],
  },
  handles: ['BoardPackIssued'],
  project(fact) {
    const { event, planId, position } = fact;
    switch (event.type) {
      case 'BoardPackIssued': {
        const { packId, period, asOf, knownAt, lastPosition, lastHash, sha256 } = event.data;
        const values = {
          position,
          plan_id: planId,
          pack_id: packId,
          period,
          as_of: asOf,
          known_at: knownAt,
          last_position: lastPosition,
          last_hash: lastHash,
          sha256: JSON.stringify(sha256),
        };
        return [{ table: 'board_packs', values }];
      }
      default: {
        const _exhaustive: never = event.type;
        return _exhaustive;
      }
    }
  },
});
