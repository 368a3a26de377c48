import { Migration } from '../../event-store/sqlite-schema';

export const PLANS_MIGRATIONS: Migration[] = [
  `CREATE TABLE plans (
     plan_id         TEXT PRIMARY KEY,
     local_authority TEXT NOT NULL,
     title           TEXT NOT NULL,
     position        INTEGER NOT NULL,
     recorded_at     TEXT NOT NULL
   ) WITHOUT ROWID;
   CREATE INDEX plans_by_position ON plans (position);`,
];
