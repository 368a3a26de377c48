import { Projector } from './projector';

/** How long a health check waits for the read models to reach the store's head before calling them behind. */
export const CATCH_UP_WAIT_MS = 2000;

export interface ProjectionsHealth {
  status: 'caught-up' | 'behind' | 'failed';
  position: number;
  /** Store head minus the read models' position (events on SQLite; log positions on KurrentDB). */
  lag: number;
  error?: string;
}

/** Caught up when the read models reach the store's head within a short wait; failing or behind otherwise. */
export async function projectionsHealth(runner: Projector, head: number): Promise<ProjectionsHealth> {
  const reached = runner.status().state !== 'failed' && (await runner.waitFor(head, CATCH_UP_WAIT_MS));
  const { state, position, error } = runner.status();
  const lag = Math.max(0, head - position);
  if (state === 'failed') return { status: 'failed', position, lag, ...(error ? { error } : {}) };
  return { status: reached ? 'caught-up' : 'behind', position, lag };
}

export function describeTrouble(health: ProjectionsHealth, head: number): string | undefined {
  if (health.status === 'failed') return `The read models are failing: ${health.error}`;
  if (health.status === 'behind')
    return `The read models are ${health.lag} behind the event store (at ${health.position} of ${head}).`;
  return undefined;
}
