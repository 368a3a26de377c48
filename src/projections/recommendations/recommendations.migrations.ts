import { Migration } from '../../event-store/sqlite-schema';
import { addActorOrganisationColumn } from '../engine/projection';
import { addProvenanceColumn } from '../shared/provenance';

/**
 * A recommendation's status is bitemporal: raising, closing and reopening are each kept as a status
 * fact with its effective date and recorded time. Links to milestones are structure.
 */
export const RECOMMENDATIONS_MIGRATIONS: Migration[] = [
  `CREATE TABLE recommendations (
     plan_id           TEXT NOT NULL,
     recommendation_id TEXT NOT NULL,
     text              TEXT NOT NULL,
     raised_on         TEXT NOT NULL,
     source            TEXT,
     position          INTEGER NOT NULL,
     recorded_at       TEXT NOT NULL,
     PRIMARY KEY (plan_id, recommendation_id)
   ) WITHOUT ROWID;
   CREATE INDEX recommendations_in_order ON recommendations (plan_id, position);

   CREATE TABLE recommendation_statuses (
     position          INTEGER PRIMARY KEY,
     plan_id           TEXT NOT NULL,
     recommendation_id TEXT NOT NULL,
     event_type        TEXT NOT NULL,
     status            TEXT NOT NULL CHECK (status IN ('open', 'closed')),
     reason            TEXT,
     evidence          TEXT,
     effective_on      TEXT NOT NULL,
     recorded_at       TEXT NOT NULL,
     actor_id          TEXT NOT NULL,
     actor_name        TEXT,
     actor_role        TEXT
   );
   CREATE INDEX recommendation_statuses_as_of
     ON recommendation_statuses (plan_id, recommendation_id, effective_on, position, recorded_at);

   CREATE TABLE recommendation_links (
     plan_id           TEXT NOT NULL,
     recommendation_id TEXT NOT NULL,
     milestone_id      TEXT NOT NULL,
     effective_on      TEXT NOT NULL,
     position          INTEGER NOT NULL,
     recorded_at       TEXT NOT NULL,
     actor_id          TEXT NOT NULL,
     actor_name        TEXT,
     actor_role        TEXT,
     PRIMARY KEY (plan_id, recommendation_id, milestone_id)
   ) WITHOUT ROWID;
   CREATE INDEX recommendation_links_by_milestone ON recommendation_links (plan_id, milestone_id);`,
  addProvenanceColumn('recommendations', 'recommendation_statuses', 'recommendation_links'),
  addActorOrganisationColumn('recommendation_statuses', 'recommendation_links'),
];
