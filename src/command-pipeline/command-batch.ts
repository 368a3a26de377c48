import { Decider } from '../domain/decider';
import { DomainError, DomainErrorKind } from '../domain/domain-error';
import { AppendResult, EventStore, StreamAppend, WrongExpectedRevisionError } from '../event-store/event-store.port';
import { CommandContext } from './command-context';
import type { CommandResult, DomainEvent, RemoteCommand, RunCommand } from './command-pipeline';

/**
 * Many commands run as one (a board member's quarterly update of every milestone, a spreadsheet's rows):
 * all decided, then all appended in one multi-stream append, or nothing appended at all.
 */

/** One command of a batch: the stream it decides on, and the revision the client last read of it, if any. */
export interface BatchCommand<C = any, E extends DomainEvent = any, S = any> {
  decider: Decider<C, E, S>;
  streamId: string;
  commandName: string;
  /** Builds the command; called again on every retry of the batch, so cross-stream facts it reads are fresh. */
  command: () => C | Promise<C>;
  /** A mismatch refuses the whole batch with a WrongExpectedRevisionError naming this stream (409), never retried. */
  expectedRevision?: number;
  /** What a person calls the thing it changes (e.g. a milestone id), so that a refusal can name it. */
  label?: string;
}

export interface RunBatch {
  commands: BatchCommand[];
  /**
   * Shared by every command: the actor, correlation id, command id (the cause of every event), the
   * Idempotency-Key of the whole batch and any `extra` metadata, all put on every event. Its
   * `expectedRevision` is not used: each command has its own.
   */
  context: CommandContext;
  /** Attempts before a conflict with another writer is given up as 409 (default as for one command). */
  maxAttempts?: number;
}

export interface BatchResult {
  /** Global position of the batch's last event: pass it as `minPosition` to read the batch back. */
  position: number;
  /** One per command, in the order given. */
  results: CommandResult[];
}

/** Why one command of a batch was refused; `index` is its place in `RunBatch.commands`. */
export interface CommandRefusal {
  index: number;
  label?: string;
  kind: DomainErrorKind;
  message: string;
  /** The input at fault, as the domain names it (e.g. `reason`), when one is. */
  field?: string;
}

/** Commands of a batch that their deciders refused: every one of them, and nothing was appended. */
export class CommandsRefusedError extends Error {
  constructor(readonly refusals: CommandRefusal[]) {
    super(refusals.map((r) => `#${r.index}${r.label ? ` (${r.label})` : ''}: ${r.message}`).join('; '));
    this.name = 'CommandsRefusedError';
  }
}

/** A batch as it crosses to another thread: each command's decider by name and its built data. */
export interface RemoteBatch {
  commands: Array<Omit<RemoteCommand, 'context'> & { expectedRevision?: number; label?: string }>;
  context: CommandContext;
}

/** What running a batch here needs of the pipeline: its store and its per-stream fold cache. */
export interface BatchHost {
  store: EventStore;
  load(spec: RunCommand<unknown, DomainEvent, unknown>, trustCache: boolean): Promise<LoadedStream>;
  /** Keeps the fold of a stream after an append (`bytes`: the state's estimated size before the events). */
  appended(spec: RunCommand<unknown, DomainEvent, unknown>, state: unknown, bytes: number, events: DomainEvent[], revision: number): void;
  forget(streamId: string): void;
  toAppend(events: DomainEvent[], spec: RunCommand<unknown, DomainEvent, unknown>, today: string): StreamAppend['events'];
}

export interface LoadedStream {
  state: unknown;
  revision: number;
  bytes: number;
  retried?: CommandResult;
  cached?: boolean;
}

const refusalOf = (index: number, label: string | undefined, error: DomainError): CommandRefusal => ({
  index,
  ...(label === undefined ? {} : { label }),
  kind: error.kind,
  message: error.message,
  ...(error.field === undefined ? {} : { field: error.field }),
});

/** Refuses a batch with no commands, or one that names a stream twice (each stream's revision is checked once). */
export function requireWellFormed(commands: readonly BatchCommand[]): void {
  if (commands.length === 0) throw new DomainError('rule', 'There is nothing to record: the batch has no commands.');
  const first = new Map<string, number>();
  const refusals: CommandRefusal[] = [];
  commands.forEach(({ streamId, label }, index) => {
    const earlier = first.get(streamId);
    if (earlier === undefined) first.set(streamId, index);
    else refusals.push(refusalOf(index, label, new DomainError('rule', `${label ?? streamId} is already changed by #${earlier} of this batch; give each once.`)));
  });
  if (refusals.length > 0) throw new CommandsRefusedError(refusals);
}

/** True when the client sent an expected revision for the stream: a conflict there is its 409, not a retry. */
export const clientExpects = (commands: readonly BatchCommand[], streamId: string): boolean =>
  commands.some((c) => c.streamId === streamId && c.expectedRevision !== undefined);

const specOf = (command: BatchCommand, context: CommandContext): RunCommand<unknown, DomainEvent, unknown> => ({
  decider: command.decider,
  streamId: command.streamId,
  commandName: command.commandName,
  command: command.command,
  context,
});

/**
 * Loads every stream, decides every command and, if none is refused, appends them all at once. A stale
 * cached fold behind a refusal or a revision mismatch is settled by reading the streams again; a conflict
 * with another writer retries the whole batch, unless the client expected a revision of that stream.
 */
export async function runBatchHere(host: BatchHost, batch: RunBatch, maxAttempts: number): Promise<BatchResult> {
  const { commands, context } = batch;
  const specs = commands.map((c) => specOf(c, context));
  let trustCache = true;
  for (let attempt = 1; ; attempt++) {
    const loaded = await Promise.all(specs.map((spec) => host.load(spec, trustCache)));
    const cached = trustCache && loaded.some((l) => l.cached);
    trustCache = false;
    const retried = loaded.filter((l) => l.retried).map((l) => l.retried!);
    if (retried.length === loaded.length) return { position: Math.max(...retried.map((r) => r.position)), results: retried };
    if (retried.length > 0) {
      throw new DomainError('rule', 'This Idempotency-Key was already used for a different request; use a new key for a new request.', 'Idempotency-Key');
    }
    const stale = commands.findIndex((c, i) => c.expectedRevision !== undefined && c.expectedRevision !== loaded[i]!.revision);
    if (stale !== -1) {
      if (cached) continue;
      const actual = loaded[stale]!.revision;
      throw new WrongExpectedRevisionError(commands[stale]!.streamId, commands[stale]!.expectedRevision!, actual === -1 ? 'no-stream' : actual);
    }
    const decided: DomainEvent[][] = [];
    const refusals: CommandRefusal[] = [];
    for (const [index, command] of commands.entries()) {
      try {
        decided.push(command.decider.decide(await command.command(), loaded[index]!.state));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refusals.push(refusalOf(index, command.label, error));
        decided.push([]);
      }
    }
    if (refusals.length > 0) {
      if (cached) continue;
      throw new CommandsRefusedError(refusals);
    }
    const today = new Date().toISOString().slice(0, 10);
    const requests: StreamAppend[] = specs.map((spec, i) => ({
      streamId: spec.streamId,
      events: host.toAppend(decided[i]!, spec, today),
      expectedRevision: loaded[i]!.revision === -1 ? 'no-stream' : loaded[i]!.revision,
    }));
    let appended: AppendResult[];
    try {
      appended = await host.store.appendMany(requests);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      specs.forEach((spec) => host.forget(spec.streamId));
      if (clientExpects(commands, error.streamId) || attempt >= maxAttempts) throw error;
      continue;
    }
    const results = specs.map((spec, i): CommandResult => {
      host.appended(spec, loaded[i]!.state, loaded[i]!.bytes, decided[i]!, appended[i]!.nextRevision);
      return {
        streamId: spec.streamId,
        revision: appended[i]!.nextRevision,
        position: Number(appended[i]!.position),
        events: requests[i]!.events.map((e) => ({ eventId: e.eventId, type: e.type })),
      };
    });
    return { position: Math.max(...results.map((r) => r.position)), results };
  }
}
