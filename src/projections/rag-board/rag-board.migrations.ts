import { Migration } from '../../event-store/sqlite-schema';
import { addActorOrganisationColumn } from '../engine/projection';
import { addProvenanceColumn } from '../shared/provenance';

/**
 * Structure (priorities, milestones) is kept once, with when it was recorded. Ratings and due-date
 * changes are bitemporal facts: every version is kept, keyed by its global position (so rows append in
 * order), and one index leads with (plan, milestone, effective_on, position) so "latest effective by a
 * date, recorded by a time" is one backward index seek; the previous quarter's rating is a few steps
 * further back on the same index.
 */
export const RAG_BOARD_MIGRATIONS: Migration[] = [
  `CREATE TABLE board_priorities (
     plan_id     TEXT NOT NULL,
     priority_id TEXT NOT NULL,
     title       TEXT NOT NULL,
     position    INTEGER NOT NULL,
     recorded_at TEXT NOT NULL,
     PRIMARY KEY (plan_id, priority_id)
   ) WITHOUT ROWID;
   CREATE INDEX board_priorities_in_order ON board_priorities (plan_id, position);

   CREATE TABLE board_milestones (
     plan_id      TEXT NOT NULL,
     milestone_id TEXT NOT NULL,
     priority_id  TEXT NOT NULL,
     title        TEXT NOT NULL,
     owner        TEXT,
     due_on       TEXT,
     position     INTEGER NOT NULL,
     recorded_at  TEXT NOT NULL,
     PRIMARY KEY (plan_id, milestone_id)
   ) WITHOUT ROWID;
   CREATE INDEX board_milestones_in_order ON board_milestones (plan_id, position);

   CREATE TABLE milestone_ratings (
     position         INTEGER PRIMARY KEY,
     plan_id          TEXT NOT NULL,
     milestone_id     TEXT NOT NULL,
     period           TEXT NOT NULL,
     previous_period  TEXT,
     last_year_period TEXT,
     rag              TEXT NOT NULL,
     forecast_rag     TEXT,
     commentary       TEXT NOT NULL,
     reason           TEXT,
     note             TEXT,
     effective_on     TEXT NOT NULL,
     recorded_at      TEXT NOT NULL,
     actor_id         TEXT NOT NULL,
     actor_name       TEXT,
     actor_role       TEXT
   );
   CREATE INDEX milestone_ratings_as_of ON milestone_ratings (plan_id, milestone_id, effective_on, position, recorded_at);

   CREATE TABLE milestone_due_dates (
     position        INTEGER PRIMARY KEY,
     plan_id         TEXT NOT NULL,
     milestone_id    TEXT NOT NULL,
     due_on          TEXT NOT NULL,
     previous_due_on TEXT,
     reason          TEXT NOT NULL,
     effective_on    TEXT NOT NULL,
     recorded_at     TEXT NOT NULL,
     actor_id        TEXT NOT NULL,
     actor_name      TEXT,
     actor_role      TEXT
   );
   CREATE INDEX milestone_due_dates_as_of ON milestone_due_dates (plan_id, milestone_id, effective_on, position, recorded_at);`,
  addProvenanceColumn('board_priorities', 'board_milestones', 'milestone_ratings'),
  // A plan's ratings by quarter (its trend, the portfolio's last four quarters): one range of this index.
  `CREATE INDEX milestone_ratings_by_period
     ON milestone_ratings (plan_id, period, milestone_id, effective_on, position, recorded_at, rag);`,
  addActorOrganisationColumn('milestone_ratings', 'milestone_due_dates'),
];
