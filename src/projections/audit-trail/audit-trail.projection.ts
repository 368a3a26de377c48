import { KNOWN_EVENT_TYPES } from '../engine/fact';
import { ACTOR_COLUMNS, projection } from '../engine/projection';
import { AUDIT_TRAIL_MIGRATIONS } from './audit-trail.migrations';

/** Every event of every plan, as recorded: the auditor's trail, where the events are not in this database. */
export const auditTrailProjection = projection({
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
      'source',
    ],
  },
  handles: KNOWN_EVENT_TYPES,
  // Every event type goes into the trail alike, so there is nothing to switch on.
  project(fact) {
    const { command, correlationId } = fact.metadata;
    const values = {
      position: fact.position,
      plan_id: fact.planId,
      stream_id: fact.streamId,
      revision: fact.revision,
      event_id: fact.eventId,
      type: fact.event.type,
      command: typeof command === 'string' ? command : null,
      correlation_id: typeof correlationId === 'string' ? correlationId : null,
      data: JSON.stringify(fact.event.data),
      source: fact.metadata.source === undefined ? null : JSON.stringify(fact.metadata.source),
    };
    return [{ table: 'audit_events', values }];
  },
});
