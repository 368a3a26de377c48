import { parseStreamId } from '../../domain/stream-id';
import { EventMetadata, StoredEvent } from '../../event-store/event-store.port';
import { IndicatorEvent } from '../../indicator/indicator';
import { MilestoneEvent } from '../../milestone/milestone';
import { PlanEvent } from '../../plan/plan';
import { RecommendationEvent } from '../../recommendation/recommendation';
import { VisitEvent } from '../../visit/visit';

export type DomainEvent = PlanEvent | MilestoneEvent | RecommendationEvent | VisitEvent | IndicatorEvent;
export type DomainEventType = DomainEvent['type'];

type StreamType = 'plan' | 'milestone' | 'recommendation' | 'visit' | 'indicator';

/** Which stream each event type lives in; a Record so a new event type does not compile until placed here. */
const STREAM_OF: Record<DomainEventType, StreamType> = {
  PlanCreated: 'plan',
  PriorityAdded: 'plan',
  MilestoneAdded: 'milestone',
  MilestoneUpdated: 'milestone',
  MilestoneDueDateChanged: 'milestone',
  RecommendationRaised: 'recommendation',
  MilestoneLinked: 'recommendation',
  RecommendationClosed: 'recommendation',
  RecommendationReopened: 'recommendation',
  VisitRecorded: 'visit',
  VisitFindingRecorded: 'visit',
  JudgementRecorded: 'visit',
  IndicatorDefined: 'indicator',
  IndicatorValueRecorded: 'indicator',
};

export const KNOWN_EVENT_TYPES = Object.keys(STREAM_OF) as DomainEventType[];
export const STREAM_TYPES: readonly StreamType[] = ['plan', 'milestone', 'recommendation', 'visit', 'indicator'];

export interface FactActor {
  id: string;
  name: string | null;
  role: string | null;
}

/** A stored event as the read models see it: typed, with its plan and the two times of the fact. */
export interface Fact<E extends DomainEvent = DomainEvent> {
  event: E;
  position: number;
  streamId: string;
  eventId: string;
  revision: number;
  planId: string;
  /** The id of the milestone, recommendation, visit or indicator the stream is about ('' for the plan's own). */
  entityId: string;
  /** The day the fact applies to: its own date when it has one, else the metadata's, else the day recorded. */
  effectiveOn: string;
  recordedAt: string;
  actor: FactActor;
  metadata: EventMetadata;
}

/** A fact whose event is one of the given types. */
export type FactOf<T extends DomainEventType> = Fact<Extract<DomainEvent, { type: T }>>;

const hasType = (type: string): type is DomainEventType => Object.prototype.hasOwnProperty.call(STREAM_OF, type);

/** Dates in events were validated by the deciders; this only tells a date from anything else. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: unknown): value is string => typeof value === 'string' && DATE.test(value);

// A rebuild parses each stream id once per event; there are far fewer streams than events.
const streams = new Map<string, { streamType: string; parts: string[] } | null>();
const MAX_CACHED_STREAMS = 200_000;
function streamOf(streamId: string) {
  let stream = streams.get(streamId);
  if (stream === undefined) {
    stream = parseStreamId(streamId) ?? null;
    if (streams.size >= MAX_CACHED_STREAMS) streams.clear();
    streams.set(streamId, stream);
  }
  return stream;
}

const ownDate = (data: Record<string, unknown>): unknown => data.effectiveOn ?? data.raisedOn;

const actorOf = (metadata: EventMetadata): FactActor => ({
  id: typeof metadata.actor?.id === 'string' ? metadata.actor.id : 'unknown',
  name: metadata.actor?.name ?? null,
  role: metadata.actor?.role ?? null,
});

/** Undefined for events the read models do not know (other streams, future types): they are skipped. */
export function toFact(stored: StoredEvent): Fact | undefined {
  if (!hasType(stored.type)) return undefined;
  const stream = streamOf(stored.streamId);
  const streamType = STREAM_OF[stored.type];
  if (!stream || stream.streamType !== streamType) return undefined;
  if (stream.parts.length !== (streamType === 'plan' ? 1 : 2)) return undefined;
  const data = (stored.data ?? {}) as Record<string, unknown>;
  const metadata = stored.metadata ?? {};
  const own = ownDate(data);
  const effectiveOn = isDate(own) ? own : isDate(metadata.effectiveOn) ? metadata.effectiveOn : stored.recordedAt.slice(0, 10);
  return {
    event: { type: stored.type, data } as DomainEvent,
    position: Number(stored.position),
    streamId: stored.streamId,
    eventId: stored.eventId,
    revision: stored.revision,
    planId: stream.parts[0]!,
    entityId: stream.parts[1] ?? '',
    effectiveOn,
    recordedAt: stored.recordedAt,
    actor: actorOf(metadata),
    metadata,
  };
}
