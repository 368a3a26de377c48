import type Database from 'better-sqlite3';
import { auditTrailProjection } from './audit-trail.projection';

/**
 * The revision of a stream among the events recorded by an instant: what a client sends back as
 * `expectedRevision`. Read where the audit trail reads its events: the embedded store's own table,
 * or the trail's copy of them; either way one backward seek on a (stream_id, revision) index.
 */
export type StreamRevisions = (streamId: string, recordedBy: string) => number | null;

export function streamRevisions(db: Database.Database, projections: readonly unknown[]): StreamRevisions {
  const table = projections.includes(auditTrailProjection) ? 'audit_events' : 'events';
  const latest = db.prepare<[string, string], { revision: number }>(
    `SELECT revision FROM ${table} WHERE stream_id = ? AND recorded_at <= ? ORDER BY revision DESC LIMIT 1`,
  );
  return (streamId, recordedBy) => latest.get(streamId, recordedBy)?.revision ?? null;
}
