import type { LogLevel } from '../config/config';
import { BatchResult, Command, CommandContext, CommandRefusal, CommandResult, CommandsRefusedError } from '../domain/command';
import { DomainError, DomainErrorKind } from '../domain/domain-error';
import { EventStoreError, ExpectedRevision, StoreUnavailableError, WrongExpectedRevisionError } from '../event-store/event-store.port';
import { RunnerStatus } from '../projections/engine/projector';

/** What the writer thread is started with. */
export interface WriterThreadData {
  /** The embedded store's file. */
  path: string;
  /** How often its read models look for events another process appended (ms). */
  pollIntervalMs?: number;
  /** The thread's messages go to the server's JSON log, at its level. */
  logLevel?: LogLevel;
}

/** A command built on the request thread: its decider by name (see DECIDERS), its stream, itself and its context. */
export interface CommandMessage {
  kind: 'command';
  id: number;
  decider: string;
  streamId: string;
  command: Command;
  context: CommandContext;
}

/** Commands built on the request thread, to be decided and appended all or none. */
export interface BatchMessage {
  kind: 'batch';
  id: number;
  items: Array<{ decider: string; streamId: string; command: Command; expectedRevision?: number; label?: string }>;
  context: CommandContext;
}

export type ToWriter = CommandMessage | BatchMessage | { kind: 'stop' };

export type FromWriter =
  | { kind: 'ran'; id: number; result: CommandResult | BatchResult }
  | { kind: 'refused'; id: number; error: CrossingError }
  | { kind: 'status'; status: RunnerStatus }
  | { kind: 'started' }
  | { kind: 'stopped' };

/**
 * The errors that may cross the thread, as structured clones (which keep no class): the table below says
 * what each keeps and how it is made again on the other side, so it is answered as on one thread.
 */
export type CrossingError =
  | { name: 'WrongExpectedRevisionError'; message: string; streamId: string; expected: ExpectedRevision; actual: number | 'no-stream' }
  | { name: 'DomainError'; message: string; kind: DomainErrorKind; field?: string }
  | { name: 'CommandsRefusedError'; message: string; refusals: CommandRefusal[] }
  | { name: 'EventStoreError'; message: string }
  | { name: 'StoreUnavailableError'; message: string; unconfirmed: boolean }
  | { name: 'Error'; message: string };

type Crossing<N extends CrossingError['name']> = Extract<CrossingError, { name: N }>;

const ERRORS: { [N in CrossingError['name']]: (error: Crossing<N>) => Error } = {
  WrongExpectedRevisionError: ({ streamId, expected, actual }) => new WrongExpectedRevisionError(streamId, expected, actual),
  DomainError: ({ kind, message, field }) => new DomainError(kind, message, field),
  CommandsRefusedError: ({ refusals }) => new CommandsRefusedError(refusals),
  EventStoreError: ({ message }) => new EventStoreError(message),
  StoreUnavailableError: ({ message, unconfirmed }) => new StoreUnavailableError(message, unconfirmed),
  Error: ({ message }) => new Error(message),
};

export function toCrossing(error: unknown): CrossingError {
  if (error instanceof WrongExpectedRevisionError) {
    const { message, streamId, expected, actual } = error;
    return { name: 'WrongExpectedRevisionError', message, streamId, expected, actual };
  }
  if (error instanceof DomainError) {
    return { name: 'DomainError', message: error.message, kind: error.kind, ...(error.field === undefined ? {} : { field: error.field }) };
  }
  if (error instanceof CommandsRefusedError) return { name: 'CommandsRefusedError', message: error.message, refusals: error.refusals };
  if (error instanceof EventStoreError) return { name: 'EventStoreError', message: error.message };
  if (error instanceof StoreUnavailableError) return { name: 'StoreUnavailableError', message: error.message, unconfirmed: error.unconfirmed };
  return { name: 'Error', message: error instanceof Error ? error.message : String(error) };
}

export const fromCrossing = (error: CrossingError): Error => (ERRORS[error.name] as (e: CrossingError) => Error)(error);
