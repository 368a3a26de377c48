import type Database from 'better-sqlite3';
import { KNOWN_EVENT_TYPES, STREAM_TYPES, toFact } from '../engine/fact';
import { fromActorColumns } from '../shared/actor';
import { AuditEventDto } from './audit-trail.dto';
import { SqliteEventStore } from '../../event-store/sqlite-event-store';
import { provenanceOf } from '../../domain/provenance';
import { fromProvenanceColumn } from '../shared/provenance';
import { TrailNarrowing } from './audit-filter';

export interface TrailBounds {
  planId: string;
  /** Events after this position. */
  after: number;
  /** Recorded from … to, inclusive (ISO instants). */
  from: string;
  to: string;
  /** Effective on or before. */
  asOf: string;
  /** Where the events wanted lie, when a filter says (the embedded store then reads only those streams). */
  narrowing?: TrailNarrowing;
}

/** The plan's events within the bounds, oldest first, read as they are consumed. */
export type TrailSource = (bounds: TrailBounds) => Iterable<AuditEventDto>;

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
  const trail = db.prepare<[Omit<TrailBounds, 'narrowing'>], CopiedRow>(
    `SELECT * FROM audit_events
     WHERE plan_id = @planId AND position > @after AND recorded_at >= @from AND recorded_at <= @to AND effective_on <= @asOf
     ORDER BY position`,
  );
  function* read({ narrowing: _narrowing, ...bounds }: TrailBounds): Generator<AuditEventDto> {
    for (const row of trail.iterate(bounds)) yield toDto(row);
  }
  return read;
}

function toDto(row: CopiedRow): AuditEventDto {
  return {
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
  };
}

/**
 * The trail straight from the embedded store, through its adapter: a plan's streams are `plan-<id>` and
 * `<type>-<id>/…`, so each is one range of the store's stream index.
 */
/** The plan's last fact from the store itself: the highest position among its streams recorded by the time. */
export function storeLast(store: SqliteEventStore): LastSource {
  const nested = STREAM_TYPES.filter((t) => t !== 'plan');
  return (planId, recordedBy) => {
    const id = encodeURIComponent(planId);
    const selection = { streams: [`plan-${id}`], prefixes: nested.map((type) => `${type}-${id}/`), types: KNOWN_EVENT_TYPES };
    const last = store.lastInSelection(selection, recordedBy);
    return last && { position: Number(last.position), recordedAt: last.recordedAt };
  };
}

export function storeTrail(store: SqliteEventStore): TrailSource {
  const nested = STREAM_TYPES.filter((t) => t !== 'plan');
  function* read({ planId, after, from, to, asOf, narrowing }: TrailBounds): Generator<AuditEventDto> {
    const id = encodeURIComponent(planId);
    const whole = { streams: [`plan-${id}`], prefixes: nested.map((type) => `${type}-${id}/`) };
    const where = narrowing && narrowing.streams.length + narrowing.prefixes.length > 0 ? narrowing : whole;
    const selection = { streams: where.streams, prefixes: where.prefixes, types: narrowing?.types ?? KNOWN_EVENT_TYPES };
    for (const stored of store.readSelection(selection, { after, recordedFrom: from, recordedTo: to })) {
      const fact = toFact(stored);
      if (!fact || fact.effectiveOn > asOf || fact.planId !== planId) continue;
      const { command, correlationId } = fact.metadata;
      yield {
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
      };
    }
  }
  return read;
}
