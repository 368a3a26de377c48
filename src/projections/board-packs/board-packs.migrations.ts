import { Migration } from '../../event-store/sqlite-schema';

/** Every pack issued to the board, keyed by its global position; a plan's packs are one index range. */
export const BOARD_PACKS_MIGRATIONS: Migration[] = [
  `CREATE TABLE board_packs (
     position      INTEGER PRIMARY KEY,
     plan_id       TEXT NOT NULL,
     pack_id       TEXT NOT NULL,
     period        TEXT NOT NULL,
     as_of         TEXT NOT NULL,
     known_at      TEXT NOT NULL,
     last_position INTEGER NOT NULL,
     sha256        TEXT NOT NULL,
     recorded_at   TEXT NOT NULL,
     actor_id      TEXT NOT NULL,
     actor_name    TEXT,
     actor_role    TEXT,
     actor_organisation TEXT
   );
   CREATE INDEX board_packs_by_plan ON board_packs (plan_id, position, recorded_at);`,
  // The head of the log a pack reflects: the hash chain's link at its last position.
  `ALTER TABLE board_packs ADD COLUMN last_hash TEXT;`,
];
