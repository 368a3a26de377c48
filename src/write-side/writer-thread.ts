import { Logger } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { BatchItem, BatchResult, Command, CommandContext, CommandExecutor, CommandResult, Event, Handle, handleOf } from '../domain/command';
import { Decider } from '../domain/decider';
import { StoreUnavailableError, unconfirmedAppend } from '../event-store/event-store.port';
import { PositionWaiters, Projector, RunnerStatus } from '../projections/engine/projector';
import { NOTHING_APPLIED } from '../projections/engine/read-models';
import { startWorker } from '../platform/worker-script';
import { deciderName } from './decider-registry';
import { LogCheckpointer } from './log-checkpointer';
import { FromWriter, fromCrossing, ToWriter, WriterThreadData } from './writer-protocol';

/** How long after the thread stopped unexpectedly it is started again (ms). */
const RESTART_MS = 1000;

interface Pending {
  resolve: (result: CommandResult | BatchResult) => void;
  reject: (error: Error) => void;
}

/**
 * The writer's nursery for new objects (MB). What the writer allocates (a command's fold, its events,
 * the messages to and from the request thread) is dead within the command, so a small nursery costs few
 * collections; V8's default, sized for the machine, let each thread hold far more garbage before
 * collecting it, and the writer's share of it showed in the process's peak memory under steady writes.
 * The old generation (the fold cache) is left unbounded here: the cache bounds itself by bytes.
 */
const WRITER_YOUNG_GENERATION_MB = 12;

/**
 * The server's writer on the embedded store: a thread that decides the commands this thread builds, commits
 * their appends (those that arrive together in one transaction) and feeds the read models, all on the one
 * connection that writes. This thread answers requests and reads. Each command is sent at once: the writer
 * decides it while this thread goes on with the next requests, and commands that arrive while it is busy
 * share a commit. Should the thread stop unexpectedly, the commands it had not answered are refused as
 * possibly recorded, new ones as not recorded, and it is started again. A third thread checkpoints the log.
 */
export class WriterThread extends CommandExecutor {
  private readonly logger = new Logger('Writer');
  private worker?: Worker;
  private checkpointer?: LogCheckpointer;
  private ready = false;
  private stopping = false;
  private current: RunnerStatus = { state: 'stopped', position: NOTHING_APPLIED };
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly waiters = new PositionWaiters();
  private restartTimer?: NodeJS.Timeout;
  private starting?: Promise<void>;
  /** The read models, fed on the writer thread, as the read side sees them; their life is this thread's. */
  readonly readModels: Projector;

  constructor(private readonly data: WriterThreadData) {
    super();
    const status = () => this.current;
    this.readModels = {
      get position() {
        return status().position;
      },
      status,
      waitFor: (position, timeoutMs) => this.waitFor(position, timeoutMs),
      start: async () => undefined,
      stop: async () => undefined,
    };
  }

  for<C extends Command, E extends Event, S>(decider: Decider<C, E, S>, streamOf: (command: C) => string): Handle<C> {
    const name = deciderName(decider);
    return handleOf(decider, streamOf, (command, context) =>
      this.send<CommandResult>((id) => ({ kind: 'command', id, decider: name, streamId: streamOf(command), command, context })),
    );
  }

  /** Sent at once, like a single command: the writer decides them all and appends them all or none. */
  all(items: readonly BatchItem[], context: CommandContext): Promise<BatchResult> {
    const named = items.map(({ decider, ...item }) => ({ ...item, decider: deciderName(decider) }));
    return this.send<BatchResult>((id) => ({ kind: 'batch', id, items: named, context }));
  }

  private send<T extends CommandResult | BatchResult>(message: (id: number) => ToWriter): Promise<T> {
    const worker = this.worker;
    if (!worker || !this.ready) return Promise.reject(new StoreUnavailableError('The writer is starting again'));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject });
      worker.postMessage(message(id));
    });
  }

  private waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.current.position >= position) return Promise.resolve(true);
    if (this.current.state === 'stopped') return Promise.resolve(false);
    return this.waiters.wait(position, timeoutMs);
  }

  /**
   * Starts the thread (and the checkpointer); resolves once it takes commands, with its read models resumed.
   * Called again while starting, it waits for the same start.
   */
  start(): Promise<void> {
    return (this.starting ??= this.launch().finally(() => (this.starting = undefined)));
  }

  private async launch(): Promise<void> {
    if (this.worker) return;
    this.stopping = false;
    this.checkpointer ??= LogCheckpointer.start(this.data.path);
    const worker = startWorker(__dirname, 'writer-thread.worker', {
      workerData: this.data,
      resourceLimits: { maxYoungGenerationSizeMb: WRITER_YOUNG_GENERATION_MB },
    });
    this.worker = worker;
    await new Promise<void>((resolve) => {
      worker.on('message', (message: FromWriter) => {
        if (message.kind === 'started') {
          this.ready = true;
          resolve();
        } else this.receive(message);
      });
      // The reason is told first; the thread's last messages (answers it sent before it stopped) are
      // delivered before 'exit', so only then is what it never answered refused.
      let reason: string | undefined;
      worker.on('error', (error) => (reason = error.message));
      worker.on('exit', (code) => this.lost(worker, reason ?? `exit code ${code}`, resolve));
    });
  }

  /** Stops the thread once it has answered every command sent to it. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const checkpointer = this.checkpointer;
    this.checkpointer = undefined;
    await checkpointer?.stop();
    const worker = this.worker;
    if (!worker) return;
    this.ready = false;
    const stopped = new Promise<void>((resolve) => {
      worker.on('message', (message: FromWriter) => message.kind === 'stopped' && resolve());
      worker.on('exit', () => resolve());
    });
    worker.postMessage({ kind: 'stop' } satisfies ToWriter);
    await stopped;
    this.worker = undefined;
    await worker.terminate();
    this.current = { ...this.current, state: 'stopped' };
    this.waiters.stopped();
  }

  private receive(message: Exclude<FromWriter, { kind: 'started' }>): void {
    if (message.kind === 'status') {
      this.current = message.status;
      this.waiters.reached(this.current.position);
      return;
    }
    if (message.kind === 'stopped') return;
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.kind === 'ran') waiting.resolve(message.result);
    else waiting.reject(fromCrossing(message.error));
  }

  private lost(worker: Worker, reason: string, unblock: () => void): void {
    unblock();
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.ready = false;
    for (const pending of this.pending.values()) {
      pending.reject(unconfirmedAppend(`The writer stopped (${reason})`));
    }
    this.pending.clear();
    if (this.stopping) return;
    this.current = { state: 'failed', position: this.current.position, error: `The writer stopped: ${reason}` };
    this.logger.error(`${this.current.error}; starting it again in ${RESTART_MS} ms`);
    this.restartTimer = setTimeout(() => void this.start().catch(() => undefined), RESTART_MS);
  }
}
