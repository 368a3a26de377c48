import type Database from 'better-sqlite3';
import { KNOWN_EVENT_TYPES, STREAM_TYPES, toFact } from '../fact';
import { fromActorColumns } from '../projection';
import { AuditEventDto } from './audit-trail.dto';
import { EventRow } from '../../event-store/sqlite-event-store';
import { provenanceOf } from '../../domain/provenance';
import { fromProvenanceColumn } from '../provenance';

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
 * The trail straight from the embedded store's events table: a plan's streams are `plan-<id>` and
 * `<type>-<id>/…`, so each is one range of the store's (stream_id, revision) index.
 */
export function storeTrail(db: Database.Database): TrailSource {
  const nested = STREAM_TYPES.filter((t) => t !== 'plan');
  const ranges = nested.map((t) => `(stream_id >= @${t} AND stream_id < @${t}End)`);
  const types = KNOWN_EVENT_TYPES.map((t) => `'${t}'`).join(', ');
  const events = db.prepare<[Record<string, string | number>], EventRow>(
    `SELECT position, event_id, stream_id, revision, type, data, metadata, recorded_at FROM events
     WHERE (stream_id = @plan OR ${ranges.join(' OR ')})
       AND type IN (${types}) AND position > @after AND recorded_at >= @from AND recorded_at <= @to
     ORDER BY position`,
  );
  return ({ planId, after, from, to, asOf, limit }) => {
    const id = encodeURIComponent(planId);
    const bounds: Record<string, string | number> = { plan: `plan-${id}`, after, from, to };
    // '0' follows '/' in code order, so [`x-id/`, `x-id0`) holds exactly the streams under `x-id/`.
    for (const type of nested) Object.assign(bounds, { [type]: `${type}-${id}/`, [`${type}End`]: `${type}-${id}0` });
    const trail: AuditEventDto[] = [];
    for (const row of events.iterate(bounds)) {
      const fact = toFact({
        eventId: row.event_id,
        type: row.type,
        data: JSON.parse(row.data),
        metadata: JSON.parse(row.metadata),
        streamId: row.stream_id,
        revision: row.revision,
        position: BigInt(row.position),
        recordedAt: row.recorded_at,
      });
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
