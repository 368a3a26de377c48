import { Migration } from '../../event-store/sqlite-schema';
import { addActorOrganisationColumn } from '../engine/projection';
import { addProvenanceColumn } from '../shared/provenance';

/**
 * Visits are structure; findings and judgements are facts effective on the visit's last day.
 * `finding_recommendations` indexes findings by the recommendations they name, for their histories.
 * Each fact keeps its provenance, when it was transcribed from a published document.
 */
export const VISITS_MIGRATIONS: Migration[] = [
  `CREATE TABLE visits (
     plan_id        TEXT NOT NULL,
     visit_id       TEXT NOT NULL,
     kind           TEXT NOT NULL,
     start_date     TEXT NOT NULL,
     end_date       TEXT NOT NULL,
     inspectors     TEXT NOT NULL,
     areas          TEXT NOT NULL,
     date_precision TEXT,
     date_note      TEXT,
     position       INTEGER NOT NULL,
     recorded_at    TEXT NOT NULL,
     PRIMARY KEY (plan_id, visit_id)
   ) WITHOUT ROWID;
   CREATE INDEX visits_by_start ON visits (plan_id, start_date, end_date, position);
   CREATE INDEX visits_by_end ON visits (plan_id, end_date, start_date, position);

   CREATE TABLE visit_findings (
     position           INTEGER PRIMARY KEY,
     plan_id            TEXT NOT NULL,
     visit_id           TEXT NOT NULL,
     finding_id         TEXT NOT NULL,
     text               TEXT NOT NULL,
     assessment         TEXT NOT NULL,
     recommendation_ids TEXT NOT NULL,
     area               TEXT,
     effective_on       TEXT NOT NULL,
     recorded_at        TEXT NOT NULL,
     actor_id           TEXT NOT NULL,
     actor_name         TEXT,
     actor_role         TEXT
   );
   CREATE INDEX visit_findings_by_plan ON visit_findings (plan_id, effective_on, position, recorded_at);

   CREATE TABLE finding_recommendations (
     plan_id           TEXT NOT NULL,
     recommendation_id TEXT NOT NULL,
     finding_position  INTEGER NOT NULL,
     PRIMARY KEY (plan_id, recommendation_id, finding_position)
   ) WITHOUT ROWID;

   CREATE TABLE visit_judgements (
     position     INTEGER PRIMARY KEY,
     plan_id      TEXT NOT NULL,
     visit_id     TEXT NOT NULL,
     area         TEXT NOT NULL,
     grade        TEXT NOT NULL,
     framework    TEXT NOT NULL,
     effective_on TEXT NOT NULL,
     recorded_at  TEXT NOT NULL,
     actor_id     TEXT NOT NULL,
     actor_name   TEXT,
     actor_role   TEXT
   );
   CREATE INDEX visit_judgements_by_plan ON visit_judgements (plan_id, effective_on, position, recorded_at);`,
  `${addProvenanceColumn('visits', 'visit_findings', 'visit_judgements')}
   ALTER TABLE visit_findings ADD COLUMN paragraph INTEGER;`,
  addActorOrganisationColumn('visit_findings', 'visit_judgements'),
];
