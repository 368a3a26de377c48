import { Inject, Injectable } from '@nestjs/common';
import { isIsoDate } from '../../domain/dates';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { SqliteEventStore } from '../../event-store/sqlite-event-store';
import { ProblemException, validationProblem } from '../../web/problem.filter';
import { PlanLookup } from '../shared/plan-lookup';
import { auditTrailProjection } from './audit-trail.projection';
import { copiedLast, copiedTrail, LastRecorded, LastSource, storeLast, storeTrail, TrailSource } from './audit-sources';
import { ReadModels } from '../engine/read-models';
import { ReadCut, toUtcInstant } from '../shared/read-cut';
import { AuditEventDto } from './audit-trail.dto';
import { AuditFilter, auditPredicate, narrowingOf } from './audit-filter';

export interface AuditRange {
  from?: string;
  to?: string;
  /** Only when the client gave one: the trail is of what was recorded, whatever it applies to. */
  asOf?: string;
  after?: number;
  limit?: number;
}

/** How many events a page holds when the client names no limit, and the most it may ask for. */
export const AUDIT_PAGE = { default: 1000, max: 10_000 } as const;

const startOf = (value: string) => (isIsoDate(value) ? `${value}T00:00:00.000Z` : toUtcInstant(value));
const endOf = (value: string) => (isIsoDate(value) ? `${value}T23:59:59.999Z` : toUtcInstant(value));

/**
 * Every recorded event of a plan, oldest first: from the embedded store itself when the read models live
 * in its file (they do not copy the events then), else from the read models' copy of them.
 */
@Injectable()
export class AuditTrailQueries {
  private readonly trail: TrailSource;
  private readonly last: LastSource;

  constructor(
    readModels: ReadModels,
    private readonly plans: PlanLookup,
    @Inject(EVENT_STORE) store: EventStore,
  ) {
    if (readModels.projections.includes(auditTrailProjection)) {
      this.trail = copiedTrail(readModels.db);
      this.last = copiedLast(readModels.db);
    } else if (store instanceof SqliteEventStore) {
      this.trail = storeTrail(store);
      this.last = storeLast(store);
    } else throw new Error('The audit trail needs the embedded store, or its copy of the events in the read models');
  }

  /** The plan's last fact recorded by the cut, if any: the log position a document made at that cut reflects. */
  lastRecorded(planId: string, cut: ReadCut): LastRecorded | undefined {
    return this.last(planId, cut.recordedBy);
  }

  /** One page of the trail, oldest first: at most `range.limit` events (AUDIT_PAGE.default) after `range.after`. */
  trailOf(planId: string, cut: ReadCut, range: AuditRange = {}, filter: AuditFilter = {}): AuditEventDto[] {
    this.plans.require(planId, cut);
    const from = range.from === undefined ? '' : startOf(range.from);
    const to = range.to === undefined ? cut.recordedBy : endOf(range.to);
    if (from && to < from) {
      throw new ProblemException(
        validationProblem([{ field: 'to', message: `to (${range.to}) is before from (${range.from})` }]),
      );
    }
    const limit = range.limit ?? AUDIT_PAGE.default;
    const wanted = auditPredicate(planId, filter);
    const narrowing = narrowingOf(planId, filter);
    const page: AuditEventDto[] = [];
    const events = this.trail({
      planId,
      after: range.after ?? -1,
      from,
      to: to < cut.recordedBy ? to : cut.recordedBy,
      asOf: range.asOf ?? '9999-12-31',
      ...(narrowing ? { narrowing } : {}),
    });
    for (const event of events) {
      if (!wanted(event)) continue;
      page.push(event);
      if (page.length === limit) break;
    }
    return page;
  }
}
