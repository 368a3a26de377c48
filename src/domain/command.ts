import { Actor } from './actor';
import { Decider } from './decider';
import { DomainErrorKind } from './domain-error';

/**
 * A command as a decider receives it: what to do (imperative, e.g. `UpdateMilestone`), its data, and the
 * instant it was issued (ISO 8601, from the one clock), which dates the facts that have no date of their own.
 */
export interface Command<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  now: string;
  /** The day those facts apply to when it is not the day of `now` (a seeded fact: its document's date). */
  effectiveOn?: string;
}

/** What a decider returns: events, past tense (`MilestoneUpdated`), with their data. */
export interface Event<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
}

/** What a command carries besides itself: it all ends up in the metadata of the events it appends. */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  /** The id of this command; the events it appends name it as their cause. */
  commandId: string;
  /** Makes a retried request append nothing new: event ids are derived from it. */
  idempotencyKey?: string;
  /** A fingerprint of the request, so a key reused for a different request is refused. */
  requestHash?: string;
  /** The revision of the stream the client expects (a mismatch is 409, never retried). */
  expectedRevision?: number;
  /** The day facts with no date of their own apply to, when the caller knows it (the date of a seeded fact's document). */
  effectiveOn?: string;
  /** Extra metadata, e.g. the source document of a seeded fact. */
  extra?: Record<string, unknown>;
}

/** The command as its decider sees it: dated by its context when the context names the day. */
export const datedBy = <C extends Command>(command: C, context: CommandContext): C =>
  context.effectiveOn === undefined ? command : { ...command, effectiveOn: context.effectiveOn };

export interface CommandResult {
  streamId: string;
  /** Revision of the stream after the command. */
  revision: number;
  /** Global position to pass as `minPosition` to read this write back. */
  position: number;
  events: Array<{ eventId: string; type: string }>;
  /** Set when this answers a retry (the same Idempotency-Key) from the first attempt: nothing was appended now. */
  replayed?: true;
}

/** One command of a batch: its aggregate's decider, the stream it is about, and what its refusal is called by. */
export interface BatchItem {
  decider: Decider<any, any, any>;
  streamId: string;
  command: Command;
  /** The revision of the stream the client read: a mismatch refuses the whole batch (409 naming the stream). */
  expectedRevision?: number;
  /** What a person calls the thing it changes (e.g. a milestone), so that a refusal can name it. */
  label?: string;
}

export interface BatchResult {
  /** Global position of the batch's last event: pass it as `minPosition` to read the batch back. */
  position: number;
  /** One per command, in the order given. */
  results: CommandResult[];
}

/** Why one command of a batch was refused; `index` is its place in the batch. */
export interface CommandRefusal {
  index: number;
  label?: string;
  kind: DomainErrorKind;
  message: string;
  /** The input at fault, as the domain names it (e.g. `reason`), when one is. */
  field?: string;
}

/** Commands of a batch that their deciders refused: every one of them; nothing was appended. */
export class CommandsRefusedError extends Error {
  constructor(readonly refusals: CommandRefusal[]) {
    super(refusals.map((r) => `#${r.index}${r.label ? ` (${r.label})` : ''}: ${r.message}`).join('; '));
    this.name = 'CommandsRefusedError';
  }
}

/**
 * Runs one aggregate's commands: each is decided on its stream's state and its events appended. `item`
 * makes a command one of a batch (see CommandExecutor.all).
 */
export interface Handle<C extends Command> {
  (command: C, context: CommandContext): Promise<CommandResult>;
  item(command: C, options?: { expectedRevision?: number; label?: string }): BatchItem;
}

/** A Handle that runs each command with `run`. */
export const handleOf = <C extends Command>(
  decider: Decider<any, any, any>,
  streamOf: (command: C) => string,
  run: (command: C, context: CommandContext) => Promise<CommandResult>,
): Handle<C> => Object.assign(run, { item: (command: C, options = {}) => ({ decider, streamId: streamOf(command), command, ...options }) });

/**
 * The one way a use case records facts. Bound once per aggregate, with its decider and the stream each
 * command is about; the write side implements it (on this thread, or on the thread that commits).
 */
export abstract class CommandExecutor {
  abstract for<C extends Command, E extends Event, S>(decider: Decider<C, E, S>, streamOf: (command: C) => string): Handle<C>;
  /**
   * Runs many commands as one (a board member's quarterly update of every milestone): all are decided; if
   * any is refused nothing is appended and a CommandsRefusedError names every refusal, otherwise all are
   * appended at once. The context (actor, correlation, Idempotency-Key of the whole batch) is every one's.
   */
  abstract all(items: readonly BatchItem[], context: CommandContext): Promise<BatchResult>;
}
