import { parseStreamId } from '../../domain/stream-id';
import { EventMetadata, StoredEvent } from '../../event-store/event-store.port';
import * as boardPack from '../../board-pack/board-pack';
import * as indicator from '../../indicator/indicator';
import * as milestone from '../../milestone/milestone';
import * as plan from '../../plan/plan';
import * as recommendation from '../../recommendation/recommendation';
import * as visit from '../../visit/visit';
import { upcast } from './upcast';

export type DomainEvent =
  | plan.PlanEvent
  | milestone.MilestoneEvent
  | recommendation.RecommendationEvent
  | visit.VisitEvent
  | indicator.IndicatorEvent
  | boardPack.BoardPackEvent;
export type DomainEventType = DomainEvent['type'];

type StreamType = 'plan' | 'milestone' | 'recommendation' | 'visit' | 'indicator' | 'boardpack';

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
  BoardPackIssued: 'boardpack',
};

/** Where each aggregate's events say the day they apply to. */
const EFFECTIVE_ON_OF: Record<StreamType, (event: never) => string> = {
  plan: plan.effectiveOnOf,
  milestone: milestone.effectiveOnOf,
  recommendation: recommendation.effectiveOnOf,
  visit: visit.effectiveOnOf,
  indicator: indicator.effectiveOnOf,
  boardpack: boardPack.effectiveOnOf,
};

export const KNOWN_EVENT_TYPES = Object.keys(STREAM_OF) as DomainEventType[];
export const STREAM_TYPES: readonly StreamType[] = ['plan', 'milestone', 'recommendation', 'visit', 'indicator', 'boardpack'];

export interface FactActor {
  id: string;
  name: string | null;
  role: string | null;
  organisation: string | null;
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
  /** The day the fact applies to, as its event says (see each aggregate's effectiveOnOf). */
  effectiveOn: string;
  recordedAt: string;
  actor: FactActor;
  metadata: EventMetadata;
}

/** A fact whose event is one of the given types. */
export type FactOf<T extends DomainEventType> = Fact<Extract<DomainEvent, { type: T }>>;

const hasType = (type: string): type is DomainEventType => Object.prototype.hasOwnProperty.call(STREAM_OF, type);

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

const actorOf = (metadata: EventMetadata): FactActor => ({
  id: typeof metadata.actor?.id === 'string' ? metadata.actor.id : 'unknown',
  name: metadata.actor?.name ?? null,
  role: metadata.actor?.role ?? null,
  organisation: typeof metadata.actor?.organisation === 'string' ? metadata.actor.organisation : null,
});

/** Undefined for events the read models do not know (other streams, future types): they are skipped. */
export function toFact(stored: StoredEvent): Fact | undefined {
  if (!hasType(stored.type)) return undefined;
  const stream = streamOf(stored.streamId);
  const streamType = STREAM_OF[stored.type];
  if (!stream || stream.streamType !== streamType) return undefined;
  if (stream.parts.length !== (streamType === 'plan' ? 1 : 2)) return undefined;
  const metadata = stored.metadata ?? {};
  const data = upcast(stored.type, (stored.data ?? {}) as Record<string, unknown>, metadata, stored.recordedAt);
  const event = { type: stored.type, data } as DomainEvent;
  return {
    event,
    position: Number(stored.position),
    streamId: stored.streamId,
    eventId: stored.eventId,
    revision: stored.revision,
    planId: stream.parts[0]!,
    entityId: stream.parts[1] ?? '',
    effectiveOn: EFFECTIVE_ON_OF[streamType](event as never),
    recordedAt: stored.recordedAt,
    actor: actorOf(metadata),
    metadata,
  };
}
