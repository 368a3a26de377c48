import type Database from 'better-sqlite3';
import { KNOWN_EVENT_TYPES, STREAM_TYPES, toFact } from '../engine/fact';
import { fromActorColumns } from '../shared/actor';
import { AuditEventDto } from './audit-trail.dto';
import { SqliteEventStore } from '../../event-store/sqlite-event-store';
import { provenanceOf } from '../../domain/provenance';
import { fromProvenanceColumn } from '../shared/provenance';

export interface TrailBounds {
  planId: string;
  /** Events after this position. */
  after: number;
  /** Recorded from … to, inclusive (ISO instants). */
  from: string;
  to: string;
  /** Effective on or before. */
  asOf: string;
  /** At most this many; -1 for all. */
  limit: number;
}

export type TrailSource = (bounds: TrailBounds) => AuditEventDto[];

/** The plan's last recorded fact, by a time: where a document made at that time ends in the log. */
export interface LastRecorded {
  position: number;
  recordedAt: string;
}
export type LastSource = (planId: string, recordedBy: string) => LastRecorded | undefined;

export function copiedLast(db: Database.Database): LastSource {
  const last = db.prepare<[string, string], { position: number; recorded_at: string }>(
    'SELECT position, recorded_at FROM audit_events WHERE plan_id = ? AND recorded_at <= ? ORDER BY position DESC LIMIT 1',
  );
  return (planId, recordedBy) => {
    const row = last.get(planId, recordedBy);
    return row && { position: row.position, recordedAt: row.recorded_at };
  };
}

const sourceOf = (source: unknown): Record<string, unknown> | null =>
  typeof source === 'object' && source !== null ? (source as Record<string, unknown>) : null;

interface CopiedRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  effective_on: string;
  recorded_at: string;
  command: string | null;
  correlation_id: string | null;
  actor_id: string;
  actor_name: string | null;
  actor_role: string | null;
  data: string;
  provenance: string | null;
  source: string | null;
}

/** The trail from the audit trail's own copy of the events (read models beside KurrentDB). */
export function copiedTrail(db: Database.Database): TrailSource {
  const trail = db.prepare<[TrailBounds], CopiedRow>(
    `SELECT * FROM audit_events
     WHERE plan_id = @planId AND position > @after AND recorded_at >= @from AND recorded_at <= @to AND effective_on <= @asOf
     ORDER BY position LIMIT @limit`,
  );
  return (bounds) =>
    trail.all(bounds).map((row) => ({
      position: row.position,
      type: row.type,
      streamId: row.stream_id,
      revision: row.revision,
      eventId: row.event_id,
      effectiveOn: row.effective_on,
      recordedAt: row.recorded_at,
      actor: fromActorColumns(row),
      command: row.command,
      correlationId: row.correlation_id,
      data: JSON.parse(row.data) as unknown,
      provenance: fromProvenanceColumn(row.provenance),
      source: row.source === null ? null : (JSON.parse(row.source) as Record<string, unknown>),
    }));
}

/**
 * The trail straight from the embedded store, through its adapter: a plan's streams are `plan-<id>` and
 * `<type>-<id>/…`, so each is one range of the store's stream index.
 */
/** The stream index's ranges for a plan's streams: `plan-<id>` and `<type>-<id>/…`. */
function planSelection(planId: string) {
  const id = encodeURIComponent(planId);
  const nested = STREAM_TYPES.filter((t) => t !== 'plan');
  return { streams: [`plan-${id}`], prefixes: nested.map((type) => `${type}-${id}/`), types: KNOWN_EVENT_TYPES };
}

export function storeTrail(store: SqliteEventStore): TrailSource {
  return ({ planId, after, from, to, asOf, limit }) => {
    const trail: AuditEventDto[] = [];
    for (const stored of store.readSelection(planSelection(planId), { after, recordedFrom: from, recordedTo: to })) {
      const fact = toFact(stored);
      if (!fact || fact.effectiveOn > asOf || fact.planId !== planId) continue;
      const { command, correlationId } = fact.metadata;
      trail.push({
        position: fact.position,
        type: fact.event.type,
        streamId: fact.streamId,
        revision: fact.revision,
        eventId: fact.eventId,
        effectiveOn: fact.effectiveOn,
        recordedAt: fact.recordedAt,
        actor: fact.actor,
        command: typeof command === 'string' ? command : null,
        correlationId: typeof correlationId === 'string' ? correlationId : null,
        data: fact.event.data,
        provenance: provenanceOf(fact.metadata.provenance) ?? null,
        source: sourceOf(fact.metadata.source),
      });
      if (trail.length === limit) break;
    }
    return trail;
  };
}

/** The plan's last fact from the store itself: its events in order, the last one recorded by the time kept. */
export function storeLast(store: SqliteEventStore): LastSource {
  return (planId, recordedBy) => {
    let last: LastRecorded | undefined;
    for (const stored of store.readSelection(planSelection(planId), { after: -1, recordedFrom: '', recordedTo: recordedBy })) {
      last = { position: Number(stored.position), recordedAt: stored.recordedAt };
    }
    return last;
  };
}
