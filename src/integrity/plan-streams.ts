import { parseStreamId } from '../domain/stream-id';
import { STREAM_TYPES } from '../projections/engine/fact';

/** True for the streams of a plan: the plan's own and those of its milestones, recommendations, visits and indicators. */
export function belongsToPlan(streamId: string, planId: string): boolean {
  const parsed = parseStreamId(streamId);
  return parsed !== undefined && (STREAM_TYPES as readonly string[]).includes(parsed.streamType) && parsed.parts[0] === planId;
}
