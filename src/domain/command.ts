import { Actor } from './actor';
import { Decider } from './decider';

/**
 * A command as a decider receives it: what to do (imperative, e.g. `UpdateMilestone`), its data, and the
 * instant it was issued (ISO 8601, from the one clock), which dates the facts that have no date of their own.
 */
export interface Command<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  now: string;
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
  /** Extra metadata, e.g. the source document of a seeded fact. */
  extra?: Record<string, unknown>;
}

export interface CommandResult {
  streamId: string;
  /** Revision of the stream after the command. */
  revision: number;
  /** Global position to pass as `minPosition` to read this write back. */
  position: number;
  events: Array<{ eventId: string; type: string }>;
}

/** Runs one aggregate's commands: each is decided on its stream's state and its events appended. */
export type Handle<C extends Command> = (command: C, context: CommandContext) => Promise<CommandResult>;

/**
 * The one way a use case records facts. Bound once per aggregate, with its decider and the stream each
 * command is about; the write side implements it (on this thread, or on the thread that commits).
 */
export abstract class CommandExecutor {
  abstract for<C extends Command, E extends Event, S>(decider: Decider<C, E, S>, streamOf: (command: C) => string): Handle<C>;
}
