import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BatchResult, CommandsRefusedError, RemoteBatch } from '../command-pipeline/command-batch';
import { CommandChannel, CommandPipeline, CommandResult, RemoteCommand } from '../command-pipeline/command-pipeline';
import { DomainError } from '../domain/domain-error';
import {
  AppendResult,
  EventStoreError,
  StoreUnavailableError,
  StreamAppend,
  unconfirmedAppend,
  WrongExpectedRevisionError,
} from '../event-store/event-store.port';
import { AppendChannel, SqliteEventStore } from '../event-store/sqlite-event-store';
import { AppendRequest } from '../event-store/sqlite-appender';
import { RunnerStatus } from './projection-runner';
import type { CheckpointerData } from '../event-store/wal-checkpointer.worker';
import type { AppendFailure, FromProjectionThread, ProjectionThreadData, ToProjectionThread } from './projection-thread.worker';
import { PositionWaiters, Projector } from './projector';

const WORKER_FILE = join(__dirname, 'projection-thread.worker.js');
const CHECKPOINTER_FILE = join(__dirname, '..', 'event-store', 'wal-checkpointer.worker.js');
/** How often the checkpointer copies the log back: each hot page is then copied once for about 400 commits. */
const CHECKPOINT_EVERY_MS = 1000;
const RESTART_MS = 1000;

interface Pending<T> {
  resolve: (result: T) => void;
  reject: (error: Error) => void;
}

const errorOf = (failure: AppendFailure): Error => {
  if (failure.name === 'WrongExpectedRevisionError') {
    return new WrongExpectedRevisionError(failure.streamId!, failure.expected!, failure.actual!);
  }
  if (failure.name === 'DomainError') return new DomainError(failure.kind!, failure.message, failure.field);
  if (failure.name === 'CommandsRefusedError') return new CommandsRefusedError(failure.refusals!);
  return failure.name === 'EventStoreError' ? new EventStoreError(failure.message) : new Error(failure.message);
};

/** Answers the requests the outcomes are for. */
function settle<T>(pending: Map<number, Pending<T>>, outcomes: Array<{ id: number; result: T } | { id: number; failure: AppendFailure }>): void {
  for (const outcome of outcomes) {
    const waiting = pending.get(outcome.id);
    if (!waiting) continue;
    pending.delete(outcome.id);
    if ('result' in outcome) waiting.resolve(outcome.result);
    else waiting.reject(errorOf(outcome.failure));
  }
}

/**
 * The server's second thread on the embedded store: it decides the commands this thread builds, commits
 * appends and feeds the read models, while this thread answers requests and reads. A file store, in the
 * compiled program, when the store asks for it (`writerThread`); otherwise the runner works on this thread.
 * Should the thread stop unexpectedly, the commands and appends it had not answered are refused as possibly
 * stored (a retry is safe), commands and appends go on on this thread, and the thread is started again. A
 * third thread checkpoints the write-ahead log, so the committing thread does not stop for that either.
 */
export class ProjectionThread implements Projector, AppendChannel, CommandChannel {
  private readonly logger = new Logger('Projections');
  private worker?: Worker;
  private checkpointer?: Worker;
  private ready = false;
  private stopping = false;
  private current: RunnerStatus;
  private nextId = 0;
  private readonly pending = new Map<number, Pending<AppendResult>>();
  private readonly pendingCommands = new Map<number, Pending<CommandResult>>();
  private readonly pendingAppendMany = new Map<number, Pending<AppendResult[]>>();
  private readonly pendingBatches = new Map<number, Pending<BatchResult>>();
  /** Appends of this turn of the event loop, sent to the thread together at its end. */
  private outbox: Array<{ id: number; request: Omit<AppendRequest, 'recordedAt'> }> = [];
  private readonly waiters = new PositionWaiters();
  private restartTimer?: NodeJS.Timeout;

  /** A projection thread for the store, or undefined where it cannot run (memory, tests on sources). */
  static for(store: SqliteEventStore, initialPosition: number, pipeline?: CommandPipeline): ProjectionThread | undefined {
    return store.writerThread && existsSync(WORKER_FILE) && existsSync(CHECKPOINTER_FILE)
      ? new ProjectionThread(store, initialPosition, pipeline)
      : undefined;
  }

  /** With a pipeline, its commands are decided on the thread too (see CommandPipeline.runThrough). */
  private constructor(
    private readonly store: SqliteEventStore,
    initialPosition: number,
    private readonly pipeline?: CommandPipeline,
  ) {
    this.current = { state: 'stopped', position: initialPosition };
  }

  get position(): number {
    return this.current.position;
  }

  status(): RunnerStatus {
    return this.current;
  }

  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    if (this.current.state === 'stopped') return Promise.resolve(false);
    return this.waiters.wait(position, timeoutMs);
  }

  append(request: Omit<AppendRequest, 'recordedAt'>): Promise<AppendResult> {
    const worker = this.worker;
    if (!worker || !this.ready) return this.onThisThread(request);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      // One message per turn: the thread then commits them in one transaction (one log write, one
      // fsync). Sent one by one, each arrived alone and commits held 2 appends on average.
      if (this.outbox.length === 0) setImmediate(() => this.send(worker));
      this.outbox.push({ id, request });
    });
  }

  /**
   * Sent at once, unlike appends: the thread starts deciding while this one goes on with the next
   * requests, and commands that arrive while it is busy still share a commit (8 to a commit at 2 900/s).
   * Held to the end of the turn, the first command of a burst waited for the whole burst to be validated
   * (2 650/s).
   */
  run(command: RemoteCommand): Promise<CommandResult> {
    const worker = this.worker;
    if (!worker || !this.ready) return Promise.reject(new StoreUnavailableError('The projection thread is not running'));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pendingCommands.set(id, { resolve, reject });
      worker.postMessage({ kind: 'command', id, command } satisfies ToProjectionThread);
    });
  }

  /** Sent at once: the thread commits it, all or none, together with the appends that arrive with it. */
  appendMany(requests: readonly StreamAppend[]): Promise<AppendResult[]> {
    const worker = this.worker;
    if (!worker || !this.ready) return this.store.appendMany(requests);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pendingAppendMany.set(id, { resolve, reject });
      worker.postMessage({ kind: 'append-many', id, requests } satisfies ToProjectionThread);
    });
  }

  /** Has the thread decide the commands and append them all or none; a conflict is refused at once, as for `run`. */
  runBatch(batch: RemoteBatch): Promise<BatchResult> {
    const worker = this.worker;
    if (!worker || !this.ready) return Promise.reject(new StoreUnavailableError('The projection thread is not running'));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pendingBatches.set(id, { resolve, reject });
      worker.postMessage({ kind: 'batch', id, batch } satisfies ToProjectionThread);
    });
  }

  private send(worker: Worker): void {
    const appends = this.outbox;
    if (appends.length === 0) return;
    this.outbox = [];
    worker.postMessage({ kind: 'append', appends } satisfies ToProjectionThread);
  }

  async start(): Promise<void> {
    if (this.worker) return;
    this.stopping = false;
    this.checkpointer ??= new Worker(CHECKPOINTER_FILE, {
      workerData: { path: this.store.db.name, intervalMs: CHECKPOINT_EVERY_MS } satisfies CheckpointerData,
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    });
    // Should it fail, the committing thread's own (larger) threshold takes over; nothing else depends on it.
    this.checkpointer.on('error', (error) => this.logger.warn(`The log checkpointer stopped: ${error.message}`));
    const worker = new Worker(WORKER_FILE, { workerData: { path: this.store.db.name } satisfies ProjectionThreadData });
    this.worker = worker;
    const started = new Promise<void>((resolve) => {
      worker.on('message', (message: FromProjectionThread) => {
        if (message.kind === 'started') {
          this.ready = true;
          this.store.appendThrough(this);
          this.pipeline?.runThrough(this);
          resolve();
        } else this.receive(message);
      });
      worker.on('error', (error) => this.lost(worker, error.message, resolve));
      worker.on('exit', (code) => this.lost(worker, `exit code ${code}`, resolve));
    });
    await started;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const checkpointer = this.checkpointer;
    this.checkpointer = undefined;
    if (checkpointer) {
      // threadId is -1 once a worker has exited (say, after an error): then there is nothing to wait for.
      const ended = new Promise<void>((resolve) => (checkpointer.threadId === -1 ? resolve() : checkpointer.once('exit', () => resolve())));
      checkpointer.postMessage('stop');
      await ended;
    }
    const worker = this.worker;
    if (!worker) return;
    // Appends from now on are committed on this thread; those already sent are answered before 'stopped'.
    this.send(worker);
    this.detach();
    const stopped = new Promise<void>((resolve) => {
      worker.on('message', (message: FromProjectionThread) => message.kind === 'stopped' && resolve());
      worker.on('exit', () => resolve());
    });
    worker.postMessage({ kind: 'stop' } satisfies ToProjectionThread);
    await stopped;
    await worker.terminate();
    this.current = { ...this.current, state: 'stopped' };
    this.waiters.stopped();
  }

  private receive(message: FromProjectionThread): void {
    if (message.kind === 'appended') settle(this.pending, message.outcomes);
    else if (message.kind === 'ran') settle(this.pendingCommands, message.outcomes);
    else if (message.kind === 'appended-many') settle(this.pendingAppendMany, [message.outcome]);
    else if (message.kind === 'ran-batch') settle(this.pendingBatches, [message.outcome]);
    else if (message.kind === 'status') {
      this.current = message.status;
      this.waiters.reached(this.current.position);
    }
  }

  private lost(worker: Worker, reason: string, unblock: () => void): void {
    unblock();
    if (this.worker !== worker) return;
    this.detach();
    for (const pending of this.pending.values()) pending.reject(unconfirmedAppend(`The projection thread stopped (${reason})`));
    this.pending.clear();
    for (const waiting of [this.pendingAppendMany, this.pendingCommands, this.pendingBatches] as Array<Map<number, Pending<unknown>>>) {
      for (const pending of waiting.values()) pending.reject(unconfirmedAppend(`The projection thread stopped (${reason})`));
      waiting.clear();
    }
    this.outbox = [];
    if (this.stopping) return;
    this.current = { state: 'failed', position: this.current.position, error: `The projection thread stopped: ${reason}` };
    this.logger.error(`${this.current.error}; starting it again in ${RESTART_MS} ms`);
    this.restartTimer = setTimeout(() => void this.start().catch(() => undefined), RESTART_MS);
  }

  private detach(): void {
    this.worker = undefined;
    this.ready = false;
    this.store.appendThrough(undefined);
    this.pipeline?.runThrough(undefined);
  }

  private onThisThread(request: Omit<AppendRequest, 'recordedAt'>): Promise<AppendResult> {
    return this.store.append(request.streamId, request.events, { expectedRevision: request.expectedRevision });
  }
}
