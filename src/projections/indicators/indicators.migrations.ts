import { Migration } from '../../event-store/sqlite-schema';
import { addActorOrganisationColumn } from '../engine/projection';
import { addProvenanceColumn } from '../shared/provenance';

/** Indicator values are bitemporal; period_start/period_end let SQL order quarters, years and months. */
export const INDICATORS_MIGRATIONS: Migration[] = [
  `CREATE TABLE indicators (
     plan_id      TEXT NOT NULL,
     indicator_id TEXT NOT NULL,
     title        TEXT NOT NULL,
     unit         TEXT NOT NULL,
     position     INTEGER NOT NULL,
     recorded_at  TEXT NOT NULL,
     PRIMARY KEY (plan_id, indicator_id)
   ) WITHOUT ROWID;
   CREATE INDEX indicators_in_order ON indicators (plan_id, position);

   CREATE TABLE indicator_values (
     position     INTEGER PRIMARY KEY,
     plan_id      TEXT NOT NULL,
     indicator_id TEXT NOT NULL,
     period       TEXT NOT NULL,
     period_start TEXT,
     period_end   TEXT,
     value        REAL NOT NULL,
     note         TEXT,
     effective_on TEXT NOT NULL,
     recorded_at  TEXT NOT NULL,
     actor_id     TEXT NOT NULL,
     actor_name   TEXT,
     actor_role   TEXT
   );
   CREATE INDEX indicator_values_by_period
     ON indicator_values (plan_id, indicator_id, period_end, period_start, period, effective_on, position, recorded_at);`,
  addProvenanceColumn('indicators', 'indicator_values'),
  addActorOrganisationColumn('indicator_values'),
];
