import { Fact } from '../fact';
import { ACTOR_COLUMNS, actorValues, Projection, Row } from '../projection';
import { provenanceValue } from '../provenance';
import { AUDIT_TRAIL_MIGRATIONS } from './audit-trail.migrations';

/** Every event of every plan, as recorded: the auditor's trail, where the events are not in this database. */
export const auditTrailProjection: Projection = {
  name: 'audit-trail',
  migrations: AUDIT_TRAIL_MIGRATIONS,
  tables: {
    audit_events: [
      'position',
      'plan_id',
      'stream_id',
      'revision',
      'event_id',
      'type',
      'effective_on',
      'recorded_at',
      'command',
      'correlation_id',
      ...ACTOR_COLUMNS,
      'data',
      'provenance',
    ],
  },
  // Every event type goes into the trail alike, so there is nothing to switch on.
  project(fact: Fact): Row[] {
    const { command, correlationId } = fact.metadata;
    const values = [
      fact.position,
      fact.planId,
      fact.streamId,
      fact.revision,
      fact.eventId,
      fact.event.type,
      fact.effectiveOn,
      fact.recordedAt,
      typeof command === 'string' ? command : null,
      typeof correlationId === 'string' ? correlationId : null,
      ...actorValues(fact),
      JSON.stringify(fact.event.data),
      provenanceValue(fact),
    ];
    return [['audit_events', values]];
  },
};
