import { Injectable } from '@nestjs/common';
import { Projector } from '../engine/projector';
import { ReadModels } from '../engine/read-models';

/**
 * The revision of a thing's stream, as a read shows it: what a client sends back as `expectedRevision`
 * (or `If-Match`). Read where the audit trail reads its events (the embedded store's own table, or the
 * trail's copy beside KurrentDB), one backward seek on a (stream_id, revision) index, among the events
 * recorded by the read's knownAt and already in the read models: a revision never runs ahead of what the
 * read shows, so a write sent back with it cannot pass over a change its sender has not seen.
 */
@Injectable()
export class StreamRevisions {
  private readonly latest;

  constructor(
    readModels: ReadModels,
    private readonly projector: Projector,
  ) {
    // Beside KurrentDB the audit trail keeps a copy of the events; in the embedded store's file they are at hand.
    const table = readModels.tables.includes('audit_events') ? 'audit_events' : 'events';
    this.latest = readModels.db.prepare<[{ streamId: string; applied: number; recordedBy: string }], { revision: number }>(
      `SELECT revision FROM ${table} WHERE stream_id = @streamId AND position <= @applied AND recorded_at <= @recordedBy
       ORDER BY revision DESC LIMIT 1`,
    );
  }

  /** The stream's revision by `recordedBy`; 0 for a thing the read shows that has no event yet in reach (never). */
  of(streamId: string, recordedBy: string): number {
    return this.latest.get({ streamId, applied: this.projector.position, recordedBy })?.revision ?? 0;
  }
}
