import { Logger } from '@nestjs/common';
import { EventStore, StoredEvent, Subscription } from '../../event-store/event-store.port';
import { PositionWaiters, Projector, RunnerState, RunnerStatus } from './projector';
import { ReadModels } from './read-models';

export interface RunnerOptions {
  /** Events applied per transaction at most. */
  batchSize?: number;
  /** First delay before resubscribing after a failure; doubles up to 30 s. */
  retryMs?: number;
  /** Told of every failure, besides the log. */
  onError?: (error: Error) => void;
  /**
   * Under a steady stream of writes, the least time between two partial batches (ms): each commit blocks
   * the thread and writes its pages to the log, so they are coalesced; a lone write is still applied at once.
   */
  minFlushIntervalMs?: number;
  /** Told of every applied batch and change of state. */
  onStatus?: (status: RunnerStatus) => void;
}

/**
 * Feeds the read models from the store's subscription, resuming after their checkpoints. Events are
 * buffered and applied in batches: a full batch at once, the rest on the next turn of the event loop.
 * On a failure nothing of the batch is kept and the subscription restarts from the checkpoints.
 */
export class ProjectionRunner implements Projector {
  private readonly logger = new Logger('Projections');
  private readonly batchSize: number;
  private readonly retryMs: number;
  private readonly onError?: (error: Error) => void;
  private readonly minFlushIntervalMs: number;
  private readonly onStatus?: (status: RunnerStatus) => void;
  private lastFlushAt = -Infinity;
  private subscription?: Subscription;
  private buffer: StoredEvent[] = [];
  private flushScheduled = false;
  private generation = 0;
  private state: RunnerState = 'stopped';
  private error?: string;
  private retryDelay: number;
  private retryTimer?: NodeJS.Timeout;
  private readonly waiters = new PositionWaiters();

  constructor(
    private readonly readModels: ReadModels,
    private readonly store: EventStore,
    options: RunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.retryMs = options.retryMs ?? 1000;
    this.retryDelay = this.retryMs;
    this.onError = options.onError;
    this.minFlushIntervalMs = options.minFlushIntervalMs ?? 10;
    this.onStatus = options.onStatus;
  }

  get position(): number {
    return this.readModels.position;
  }

  status(): RunnerStatus {
    return { state: this.state, position: this.position, ...(this.error ? { error: this.error } : {}) };
  }

  /** Resumes from the checkpoints (from 0 when the read models were built from another store). */
  async start(): Promise<void> {
    if (this.state !== 'stopped' && this.state !== 'failed') return;
    const generation = ++this.generation;
    this.state = 'catching-up';
    try {
      const [first] = await this.store.readAll({ maxCount: 1 });
      const head = Number(await this.store.headPosition());
      if (generation !== this.generation) return;
      if (this.readModels.matchStore(first?.eventId, head))
        this.logger.warn('The read models were built from another store: rebuilding them from position 0');
    } catch (error) {
      return this.fail(error instanceof Error ? error : new Error(String(error)), generation);
    }
    const from = this.readModels.position;
    const subscription = this.store.subscribe(
      from < 0 ? {} : { fromPosition: BigInt(from) },
      (event) => this.receive(event, generation),
      (error) => this.fail(error, generation),
    );
    this.subscription = subscription;
    subscription.caughtUp.then(
      () =>
        this.whenFlushed(generation, () => {
          this.state = 'live';
          this.error = undefined;
          this.onStatus?.(this.status());
        }),
      () => undefined,
    );
  }

  async stop(): Promise<void> {
    this.generation++;
    this.state = 'stopped';
    clearTimeout(this.retryTimer);
    const subscription = this.subscription;
    this.subscription = undefined;
    this.buffer = [];
    await subscription?.stop();
    this.waiters.stopped();
  }

  /** Resolves true once every read model has reached `position`, false after `timeoutMs` or on stop. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    if (this.state === 'stopped') return Promise.resolve(false);
    return this.waiters.wait(position, timeoutMs);
  }

  private receive(event: StoredEvent, generation: number): void {
    if (generation !== this.generation) return;
    this.buffer.push(event);
    // A thrown error reaches the subscription, which stops and reports it through fail().
    if (this.buffer.length >= this.batchSize) this.flush();
    else this.scheduleFlush(generation);
  }

  private scheduleFlush(generation: number): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    const run = () => {
      this.flushScheduled = false;
      if (generation !== this.generation) return;
      try {
        this.flush();
      } catch (error) {
        this.fail(error instanceof Error ? error : new Error(String(error)), generation);
      }
    };
    const wait = this.lastFlushAt + this.minFlushIntervalMs - performance.now();
    if (wait > 0) setTimeout(run, wait);
    else setImmediate(run);
  }

  private flush(): void {
    const batch = this.buffer;
    this.buffer = [];
    this.lastFlushAt = performance.now();
    this.readModels.apply(batch);
    if (this.error) this.logger.log(`Projections recovered at position ${this.position}`);
    this.error = undefined;
    this.retryDelay = this.retryMs;
    const reached = this.position;
    this.waiters.reached(reached);
    this.onStatus?.(this.status());
  }

  private whenFlushed(generation: number, then: () => void): void {
    if (generation !== this.generation) return;
    if (this.buffer.length === 0 && !this.flushScheduled) then();
    else setImmediate(() => this.whenFlushed(generation, then));
  }

  private fail(error: Error, generation: number): void {
    if (generation !== this.generation) return;
    this.generation++;
    this.state = 'failed';
    this.error = error.message;
    this.buffer = [];
    this.logger.error(`Projections stopped at position ${this.position}: ${error.message}; retrying in ${this.retryDelay} ms`);
    const subscription = this.subscription;
    this.subscription = undefined;
    void subscription?.stop().catch(() => undefined);
    this.retryTimer = setTimeout(() => void this.start(), this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, 30_000);
    this.onError?.(error);
    this.onStatus?.(this.status());
  }
}
