export type RunnerState = 'stopped' | 'catching-up' | 'live' | 'failed';

export interface RunnerStatus {
  state: RunnerState;
  /** The position every read model has reached. */
  position: number;
  /** Why the last attempt failed, while it has not recovered. */
  error?: string;
}

/**
 * What the rest of the product needs of whatever keeps the read models up to date: the runner on this
 * thread, or the writer thread that also decides and commits the embedded store's commands.
 */
export abstract class Projector {
  /** The position every read model has reached. */
  abstract readonly position: number;
  abstract status(): RunnerStatus;
  /** Resolves true once every read model has reached `position`, false after `timeoutMs` or on stop. */
  abstract waitFor(position: number, timeoutMs: number): Promise<boolean>;
  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;
}

/**
 * Provided by the write side when the read models are fed on its writer thread: then that is what the
 * read side waits on, and no runner is started here.
 */
export const READ_MODELS_FED_ELSEWHERE = Symbol('READ_MODELS_FED_ELSEWHERE');

/** Callers waiting for the read models to reach a position: told when they do, on stop, or at their timeout. */
export class PositionWaiters {
  private readonly waiters = new Set<{ position: number; done: (reached: boolean) => void }>();

  wait(position: number, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => waiter.done(false), timeoutMs);
      const waiter = {
        position,
        done: (reached: boolean) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(reached);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** The read models reached `position`: wakes everyone waiting for it or less. */
  reached(position: number): void {
    for (const waiter of this.waiters) if (position >= waiter.position) waiter.done(true);
  }

  /** Stopped: nobody's position will be reached. */
  stopped(): void {
    for (const waiter of this.waiters) waiter.done(false);
  }
}
