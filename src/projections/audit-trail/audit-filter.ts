import { DomainEventType, KNOWN_EVENT_TYPES } from '../engine/fact';
import { streamId as milestoneStreamId } from '../../milestone/milestone';
import { streamId as recommendationStreamId } from '../../recommendation/recommendation';
import { AuditEventDto } from './audit-trail.dto';

/** What an auditor narrows the trail to; every filter given must hold. */
export interface AuditFilter {
  /** Only these event types. */
  types?: readonly DomainEventType[];
  /** Recorded by this person: an actor id or name, in any case. */
  actor?: string;
  /** About this milestone: its own events, and the links that make it work towards a recommendation. */
  milestoneId?: string;
  /** About this recommendation: its own events, and the findings that name it. */
  recommendationId?: string;
}

/** The part of the store a filtered trail needs: the streams it reads whole, the prefixes it reads in part. */
export interface TrailNarrowing {
  types: readonly DomainEventType[];
  streams: readonly string[];
  prefixes: readonly string[];
}

type Candidate = Pick<AuditEventDto, 'type' | 'streamId' | 'actor' | 'data'>;

/** One test per filter given, on an event of the plan. */
export function auditPredicate(planId: string, filter: AuditFilter): (event: Candidate) => boolean {
  const tests: Array<(event: Candidate) => boolean> = [];
  if (filter.types) {
    const types = new Set<string>(filter.types);
    tests.push((e) => types.has(e.type));
  }
  if (filter.actor !== undefined) {
    const actor = filter.actor.toLowerCase();
    tests.push((e) => e.actor.id?.toLowerCase() === actor || e.actor.name?.toLowerCase() === actor);
  }
  if (filter.milestoneId !== undefined) {
    const { milestoneId } = filter;
    const stream = milestoneStreamId(planId, milestoneId);
    tests.push((e) => e.streamId === stream || (e.type === 'MilestoneLinked' && dataOf(e).milestoneId === milestoneId));
  }
  if (filter.recommendationId !== undefined) {
    const { recommendationId } = filter;
    const stream = recommendationStreamId(planId, recommendationId);
    tests.push(
      (e) =>
        e.streamId === stream ||
        (e.type === 'VisitFindingRecorded' && Array.isArray(dataOf(e).recommendationIds) && (dataOf(e).recommendationIds as unknown[]).includes(recommendationId)),
    );
  }
  return (event) => tests.every((test) => test(event));
}

/**
 * Where the events a filter can match lie: for a milestone, its stream and the recommendations' (their links);
 * for a recommendation, its stream and the visits' (their findings). Undefined: anywhere in the plan.
 */
export function narrowingOf(planId: string, filter: AuditFilter): TrailNarrowing | undefined {
  if (filter.milestoneId === undefined && filter.recommendationId === undefined && filter.types === undefined) return undefined;
  const streams: string[] = [];
  const prefixes: string[] = [];
  const id = encodeURIComponent(planId);
  if (filter.milestoneId !== undefined) {
    streams.push(milestoneStreamId(planId, filter.milestoneId));
    prefixes.push(`recommendation-${id}/`);
  }
  if (filter.recommendationId !== undefined) {
    streams.push(recommendationStreamId(planId, filter.recommendationId));
    prefixes.push(`visit-${id}/`);
  }
  return { types: filter.types ?? KNOWN_EVENT_TYPES, streams, prefixes };
}

const dataOf = (event: Candidate): Record<string, unknown> =>
  event.data && typeof event.data === 'object' ? (event.data as Record<string, unknown>) : {};
