import type { RunnerStatus } from './projection-runner';

/**
 * What the rest of the product needs of whatever keeps the read models up to date: the runner on this
 * thread, or the projection thread that also commits the embedded store's appends.
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
