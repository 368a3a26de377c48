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
    }));
}

/**
 * The trail straight from the embedded store, through its adapter: a plan's streams are `plan-<id>` and
 * `<type>-<id>/…`, so each is one range of the store's stream index.
 */
export function storeTrail(store: SqliteEventStore): TrailSource {
  const nested = STREAM_TYPES.filter((t) => t !== 'plan');
  return ({ planId, after, from, to, asOf, limit }) => {
    const id = encodeURIComponent(planId);
    const selection = { streams: [`plan-${id}`], prefixes: nested.map((type) => `${type}-${id}/`), types: KNOWN_EVENT_TYPES };
    const trail: AuditEventDto[] = [];
    for (const stored of store.readSelection(selection, { after, recordedFrom: from, recordedTo: to })) {
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
      });
      if (trail.length === limit) break;
    }
    return trail;
  };
}
