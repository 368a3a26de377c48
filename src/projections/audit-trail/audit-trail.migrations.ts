import { Migration } from '../../event-store/sqlite-schema';
import { addActorOrganisationColumn } from '../engine/projection';
import { addProvenanceColumn } from '../shared/provenance';

/** One row per event of a plan, so an auditor's trail is an index range, whatever store holds the events. */
export const AUDIT_TRAIL_MIGRATIONS: Migration[] = [
  `CREATE TABLE audit_events (
     position       INTEGER PRIMARY KEY,
     plan_id        TEXT NOT NULL,
     stream_id      TEXT NOT NULL,
     revision       INTEGER NOT NULL,
     event_id       TEXT NOT NULL,
     type           TEXT NOT NULL,
     effective_on   TEXT NOT NULL,
     recorded_at    TEXT NOT NULL,
     command        TEXT,
     correlation_id TEXT,
     actor_id       TEXT NOT NULL,
     actor_name     TEXT,
     actor_role     TEXT,
     data           TEXT NOT NULL
   );
   CREATE INDEX audit_events_by_plan ON audit_events (plan_id, position);`,
  addProvenanceColumn('audit_events'),
  // A stream's revision (what a client sends back as expectedRevision) is one seek.
  `CREATE INDEX audit_events_by_stream ON audit_events (stream_id, revision);`,
  addActorOrganisationColumn('audit_events'),
  // Where a fact was recorded from (a seed's file and entry, an uploaded return's name and hash), as JSON.
  `ALTER TABLE audit_events ADD COLUMN source TEXT;`,
];
