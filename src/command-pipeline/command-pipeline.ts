import { Inject, Injectable, Optional } from '@nestjs/common';
import { Decider } from '../domain/decider';
import { DomainError } from '../domain/domain-error';
import { EVENT_STORE, EventStore, RecordedFact, StoredEvent, WrongExpectedRevisionError } from '../event-store/event-store.port';
import { CommandContext, deterministicUuid } from './command-context';
import { BatchHost, BatchResult, clientExpects, RemoteBatch, requireWellFormed, RunBatch, runBatchHere } from './command-batch';
import { deciderName } from './deciders';
import { randomUUID } from 'node:crypto';

export interface DomainEvent {
  type: string;
  data: object;
}

export interface CommandResult {
  streamId: string;
  /** Revision of the stream after the command. */
  revision: number;
  /** Global position to pass as `minPosition` to read this write back. */
  position: number;
  events: Array<{ eventId: string; type: string }>;
}

export interface RunCommand<C, E extends DomainEvent, S> {
  decider: Decider<C, E, S>;
  streamId: string;
  commandName: string;
  /** Builds the command; called again on every retry, so cross-stream facts it reads are fresh. */
  command: () => C | Promise<C>;
  context: CommandContext;
  /** Attempts before a conflict with another writer is given up as 409 (default MAX_ATTEMPTS). */
  maxAttempts?: number;
}

/** A command as it crosses to another thread: its decider by name (see DECIDERS) and its built data. */
export interface RemoteCommand {
  decider: string;
  streamId: string;
  commandName: string;
  context: CommandContext;
  command: unknown;
}

/**
 * Somewhere else commands can be decided and appended: the server's writer thread on the embedded store.
 * It refuses a conflict with another writer at once, so that the command is built again before a retry.
 */
export interface CommandChannel {
  run(command: RemoteCommand): Promise<CommandResult>;
  /** Decides and appends the commands all or none (see CommandPipeline.runMany). */
  runBatch(batch: RemoteBatch): Promise<BatchResult>;
}

/** The fold cache's limit in bytes, for a module to provide (tests give a small one); CACHED_STATE_BYTES without. */
export const CACHED_STATE_LIMIT = Symbol('CACHED_STATE_LIMIT');

const MAX_ATTEMPTS = 5;
/**
 * Folded states kept between commands, so a command reads nothing before deciding, bounded by their size
 * rather than their number. A milestone's state holds every period's latest rating with its commentary:
 * about 4 KB after seven years of one-line commentaries, but ten times that with a paragraph a quarter,
 * when a fixed number of streams could take hundreds of MB. At 48 MB (estimated, see sizeOf) the server,
 * its projection thread and their page caches fit in 400 MB at national scale. A stream not cached is read
 * through the store's covering index.
 */
export const CACHED_STATE_BYTES = 48 * 1024 * 1024;
/** What a cached stream costs besides its state (map entry, key, revision). */
const ENTRY_BYTES = 100;

interface Folded {
  decider: unknown;
  revision: number;
  state: unknown;
  /** sizeOf(state) + ENTRY_BYTES. */
  bytes: number;
}

/**
 * The heap a folded state takes, roughly and on the large side (a milestone's is about 5 KB estimated for
 * 4 KB measured): 12 bytes per string and per object property besides the characters. A walk costs a
 * fifth of JSON.stringify (about 1.5 µs for such a state).
 */
export function sizeOf(value: unknown): number {
  if (typeof value === 'string') return 12 + value.length;
  if (value === null || typeof value !== 'object') return 0;
  let bytes = 16;
  if (Array.isArray(value)) {
    for (const item of value) bytes += 4 + sizeOf(item);
  } else {
    for (const key in value) bytes += 12 + sizeOf((value as Record<string, unknown>)[key]);
  }
  return bytes;
}

const effectiveOnOf = (data: object, context: CommandContext, today: string): string => {
  const d = data as Record<string, unknown>;
  const own = d.effectiveOn ?? d.raisedOn ?? d.endDate;
  return typeof own === 'string' ? own : (context.effectiveOn ?? today);
};

/** The events a command decided, as appended: ids (derived from an Idempotency-Key, when there is one) and metadata. */
function toAppend(events: DomainEvent[], streamId: string, commandName: string, context: CommandContext, today: string) {
  return events.map((event, index) => ({
    eventId: context.idempotencyKey ? deterministicUuid(context.actor.id, context.idempotencyKey, streamId, String(index)) : randomUUID(),
    type: event.type,
    data: event.data,
    metadata: {
      actor: context.actor,
      effectiveOn: effectiveOnOf(event.data, context, today),
      correlationId: context.correlationId,
      causationId: context.commandId,
      command: commandName,
      ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey, requestHash: context.requestHash } : {}),
      ...context.extra,
    },
  }));
}

/** The one command pipeline: read the stream → fold → decide → append with the expected revision. */
@Injectable()
export class CommandPipeline {
  private readonly folded = new Map<string, Folded>();
  /** The sum of the cached streams' estimated sizes. */
  private foldedBytes = 0;
  /** Per stream, the settling of the last command queued on it in this process. */
  private readonly queued = new Map<string, Promise<void>>();
  private channel?: CommandChannel;
  /** What a batch run on this thread uses of this pipeline (see command-batch). */
  private readonly batchHost: BatchHost;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(CACHED_STATE_LIMIT) private readonly cachedStateBytes: number = CACHED_STATE_BYTES,
  ) {
    this.batchHost = {
      store: this.store,
      load: (spec, trustCache) => this.load(spec, trustCache),
      appended: (spec, state, bytes, events, revision) => {
        const grown = bytes + events.reduce((sum, e) => sum + sizeOf(e.data), 0);
        this.remember(spec.streamId, spec.decider, revision, events.reduce(spec.decider.evolve, state), grown);
      },
      forget: (streamId) => this.forget(streamId),
      toAppend: (events, spec, today) => toAppend(events, spec.streamId, spec.commandName, spec.context, today),
    };
  }

  /** The estimated size of the folded states kept, and how many streams they are. */
  cachedStates(): { streams: number; bytes: number } {
    return { streams: this.folded.size, bytes: this.foldedBytes };
  }

  /**
   * From now on commands are decided and appended through the channel (the thread that commits to the
   * store's file, where stream reads find a warm page cache); undefined: on this thread again. Folds kept
   * here may have been overtaken meanwhile, so they are dropped.
   */
  runThrough(channel: CommandChannel | undefined): void {
    this.channel = channel;
    this.folded.clear();
    this.foldedBytes = 0;
  }

  /**
   * Commands on one stream run one after another in this process: concurrent ones would all decide on
   * the same revision and all but one conflict and retry, round after round. Other processes' writes
   * are still caught by the append's revision check.
   */
  run<C, E extends DomainEvent, S>(spec: RunCommand<C, E, S>): Promise<CommandResult> {
    const before = this.queued.get(spec.streamId);
    const result = before ? before.then(() => this.runHereOrThere(spec)) : this.runHereOrThere(spec);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.queued.set(spec.streamId, settled);
    void settled.then(() => {
      if (this.queued.get(spec.streamId) === settled) this.queued.delete(spec.streamId);
    });
    return result;
  }

  /**
   * Runs many commands as one: each decided on its own stream with the same deciders; if any is refused,
   * nothing is appended and a CommandsRefusedError lists every refusal by index; otherwise all are appended
   * at once (EventStore.appendMany). Waits for the commands queued before it on any of its streams, and
   * commands queued after it on any of them wait for it.
   */
  runMany(batch: RunBatch): Promise<BatchResult> {
    try {
      requireWellFormed(batch.commands);
    } catch (error) {
      return Promise.reject(error);
    }
    const streamIds = batch.commands.map((c) => c.streamId);
    const before = streamIds.flatMap((id) => this.queued.get(id) ?? []);
    const result = before.length > 0 ? Promise.all(before).then(() => this.runManyHereOrThere(batch)) : this.runManyHereOrThere(batch);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    for (const id of streamIds) this.queued.set(id, settled);
    void settled.then(() => {
      for (const id of streamIds) if (this.queued.get(id) === settled) this.queued.delete(id);
    });
    return result;
  }

  private runManyHereOrThere(batch: RunBatch): Promise<BatchResult> {
    const channel = this.channel;
    const deciders = batch.commands.map((c) => deciderName(c.decider));
    return channel && deciders.every((d) => d !== undefined)
      ? this.runManyThere(batch, channel, deciders as string[])
      : runBatchHere(this.batchHost, batch, batch.maxAttempts ?? MAX_ATTEMPTS);
  }

  /** Builds the commands here (they may read other streams) and has the channel decide and append them. */
  private async runManyThere(batch: RunBatch, channel: CommandChannel, deciders: string[]): Promise<BatchResult> {
    const { commands, context } = batch;
    for (let attempt = 1; ; attempt++) {
      const built = await Promise.all(
        commands.map(async ({ streamId, commandName, command, expectedRevision, label }, i) => ({
          decider: deciders[i]!,
          streamId,
          commandName,
          command: await command(),
          ...(expectedRevision === undefined ? {} : { expectedRevision }),
          ...(label === undefined ? {} : { label }),
        })),
      );
      try {
        return await channel.runBatch({ commands: built, context });
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || clientExpects(commands, error.streamId)) throw error;
        if (attempt >= (batch.maxAttempts ?? MAX_ATTEMPTS)) throw error;
      }
    }
  }

  private runHereOrThere<C, E extends DomainEvent, S>(spec: RunCommand<C, E, S>): Promise<CommandResult> {
    const channel = this.channel;
    const decider = deciderName(spec.decider);
    return channel && decider ? this.runThere(spec, channel, decider) : this.runNow(spec);
  }

  /** Builds the command here (it may read other streams) and has the channel decide and append it. */
  private async runThere<C, E extends DomainEvent, S>(spec: RunCommand<C, E, S>, channel: CommandChannel, decider: string): Promise<CommandResult> {
    const { streamId, commandName, context } = spec;
    for (let attempt = 1; ; attempt++) {
      const command = await spec.command();
      try {
        return await channel.run({ decider, streamId, commandName, context, command });
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || context.expectedRevision !== undefined) throw error;
        if (attempt >= (spec.maxAttempts ?? MAX_ATTEMPTS)) throw error;
      }
    }
  }

  private async runNow<C, E extends DomainEvent, S>(spec: RunCommand<C, E, S>): Promise<CommandResult> {
    const { context } = spec;
    // A cached fold is used without reading the store: the append's revision check proves it current. Any
    // doubt (a conflict, a rejection, a revision the client did not expect) is settled by reading the stream.
    let trustCache = true;
    for (let attempt = 1; ; attempt++) {
      const { state, revision, retried, cached, bytes: stateBytes } = await this.load(spec, trustCache);
      if (retried) return retried;
      trustCache = false;
      if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
        if (cached) continue;
        throw new WrongExpectedRevisionError(spec.streamId, context.expectedRevision, revision === -1 ? 'no-stream' : revision);
      }
      let events: E[];
      try {
        events = spec.decider.decide(await spec.command(), state);
      } catch (error) {
        if (cached && error instanceof DomainError) continue;
        throw error;
      }
      const appending = toAppend(events, spec.streamId, spec.commandName, context, new Date().toISOString().slice(0, 10));
      try {
        const result = await this.store.append(spec.streamId, appending, {
          expectedRevision: revision === -1 ? 'no-stream' : revision,
        });
        const grown = stateBytes + events.reduce((sum, e) => sum + sizeOf(e.data), 0);
        this.remember(spec.streamId, spec.decider, result.nextRevision, events.reduce(spec.decider.evolve, state), grown);
        return {
          streamId: spec.streamId,
          revision: result.nextRevision,
          position: Number(result.position),
          events: appending.map((e) => ({ eventId: e.eventId, type: e.type })),
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        this.forget(spec.streamId);
        if (context.expectedRevision !== undefined || attempt >= (spec.maxAttempts ?? MAX_ATTEMPTS)) throw error;
      }
    }
  }

  /**
   * The stream's state. Trusting the cache, a cached fold is returned as it is (`cached`); otherwise the
   * cached fold plus the events appended since (by this or another process) are read. A request with an
   * Idempotency-Key reads the whole stream, to find a first attempt's events.
   */
  private async load<C, E extends DomainEvent, S>(
    spec: RunCommand<C, E, S>,
    trustCache: boolean,
  ): Promise<{ state: S; revision: number; bytes: number; retried?: CommandResult; cached?: boolean }> {
    const keyed = spec.context.idempotencyKey !== undefined;
    const entry = this.folded.get(spec.streamId);
    const base = !keyed && entry?.decider === spec.decider ? entry : undefined;
    if (base && trustCache) {
      this.remember(spec.streamId, base.decider, base.revision, base.state, base.bytes);
      return { state: base.state as S, revision: base.revision, bytes: base.bytes, cached: true };
    }
    const fromRevision = base ? base.revision + 1 : 0;
    let stored: RecordedFact[];
    if (keyed) {
      const full = await this.store.readStream(spec.streamId, { fromRevision });
      const retried = this.findRetried(full, spec);
      if (retried) return { state: spec.decider.initialState, revision: retried.revision, bytes: 0, retried };
      stored = full;
    } else {
      stored = await this.store.readStreamFacts(spec.streamId, { fromRevision });
    }
    const state = stored.reduce((s, e) => spec.decider.evolve(s, { type: e.type, data: e.data } as E), (base?.state as S) ?? spec.decider.initialState);
    const revision = stored.length > 0 ? stored[stored.length - 1]!.revision : (base?.revision ?? -1);
    // Estimated once when read; each append then adds its events' size (a correction that replaces a
    // rating is counted twice, so the estimate errs on the large side).
    const bytes = ENTRY_BYTES + sizeOf(state);
    this.remember(spec.streamId, spec.decider, revision, state, bytes);
    return { state, revision, bytes };
  }

  /** Keeps the fold as the most recently used, then drops the least recently used past the size limit. */
  private remember(streamId: string, decider: unknown, revision: number, state: unknown, bytes: number): void {
    this.forget(streamId);
    this.folded.set(streamId, { decider, revision, state, bytes });
    this.foldedBytes += bytes;
    for (const oldest of this.folded.keys()) {
      if (this.foldedBytes <= this.cachedStateBytes || oldest === streamId) break;
      this.forget(oldest);
    }
  }

  private forget(streamId: string): void {
    const entry = this.folded.get(streamId);
    if (!entry) return;
    this.folded.delete(streamId);
    this.foldedBytes -= entry.bytes;
  }

  /** A request retried with the same Idempotency-Key is answered as the first time, appending nothing. */
  private findRetried<C, E extends DomainEvent, S>(stored: StoredEvent[], spec: RunCommand<C, E, S>): CommandResult | undefined {
    const { context } = spec;
    if (!context.idempotencyKey) return undefined;
    const firstId = deterministicUuid(context.actor.id, context.idempotencyKey, spec.streamId, '0');
    const start = stored.findIndex((e) => e.eventId === firstId);
    if (start === -1) return undefined;
    if (stored[start]!.metadata.requestHash !== context.requestHash) {
      throw new DomainError(
        'rule',
        'This Idempotency-Key was already used for a different request; use a new key for a new request.',
        'Idempotency-Key',
      );
    }
    const batch = stored.slice(start).filter((e) => e.metadata.causationId === stored[start]!.metadata.causationId);
    const last = batch[batch.length - 1]!;
    return {
      streamId: spec.streamId,
      revision: last.revision,
      position: Number(last.position),
      events: batch.map((e) => ({ eventId: e.eventId, type: e.type })),
    };
  }
}
