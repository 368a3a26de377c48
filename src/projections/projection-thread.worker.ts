import { parentPort, workerData } from 'node:worker_threads';
import { AppendResult, StreamAppend, WrongExpectedRevisionError } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { AppendRequest, WAL_FILE_KEPT_PAGES } from '../event-store/sqlite-appender';
import { BatchResult, CommandRefusal, CommandsRefusedError, RemoteBatch } from '../command-pipeline/command-batch';
import { CommandPipeline, CommandResult, RemoteCommand } from '../command-pipeline/command-pipeline';
import { DECIDERS } from '../command-pipeline/deciders';
import { DomainError, DomainErrorKind } from '../domain/domain-error';
import { ProjectionRunner, RunnerStatus } from './projection-runner';
import { openReadModelDb } from './read-model-db';
import { ReadModels } from './read-models';

export interface ProjectionThreadData {
  path: string;
  pollIntervalMs?: number;
}

/**
 * A command, sent as soon as it is built; or the appends the request thread gathered in one turn of its
 * event loop, committed together.
 */
export type ToProjectionThread =
  | { kind: 'command'; id: number; command: RemoteCommand }
  | { kind: 'append'; appends: Array<{ id: number; request: Omit<AppendRequest, 'recordedAt'> }> }
  | { kind: 'append-many'; id: number; requests: readonly StreamAppend[] }
  | { kind: 'batch'; id: number; batch: RemoteBatch }
  | { kind: 'stop' };

/** Why an append was refused, in a form that crosses threads. */
export interface AppendFailure {
  name: string;
  message: string;
  streamId?: string;
  expected?: WrongExpectedRevisionError['expected'];
  actual?: WrongExpectedRevisionError['actual'];
  kind?: DomainErrorKind;
  field?: string;
  refusals?: CommandRefusal[];
}

export type AppendOutcome = { id: number; result: AppendResult } | { id: number; failure: AppendFailure };
export type CommandOutcome = { id: number; result: CommandResult } | { id: number; failure: AppendFailure };
type Outcome<T> = { id: number; result: T } | { id: number; failure: AppendFailure };

export type FromProjectionThread =
  | { kind: 'appended'; outcomes: AppendOutcome[] }
  | { kind: 'ran'; outcomes: CommandOutcome[] }
  | { kind: 'appended-many'; outcome: Outcome<AppendResult[]> }
  | { kind: 'ran-batch'; outcome: Outcome<BatchResult> }
  | { kind: 'status'; status: RunnerStatus }
  | { kind: 'started' }
  | { kind: 'stopped' };

const failureOf = (error: unknown): AppendFailure =>
  error instanceof CommandsRefusedError
    ? { name: error.name, message: error.message, refusals: error.refusals }
    : error instanceof WrongExpectedRevisionError
    ? { name: error.name, message: error.message, streamId: error.streamId, expected: error.expected, actual: error.actual }
    : error instanceof DomainError
      ? { name: error.name, message: error.message, kind: error.kind, ...(error.field === undefined ? {} : { field: error.field }) }
      : error instanceof Error
        ? { name: error.name, message: error.message }
        : { name: 'Error', message: String(error) };

/** Decides and appends a command the request thread built; a conflict is refused at once (see CommandChannel). */
const runCommand = (pipeline: CommandPipeline, { decider, streamId, commandName, context, command }: RemoteCommand): Promise<CommandResult> => {
  const known = DECIDERS[decider];
  if (!known) return Promise.reject(new Error(`No decider is named ${decider}`));
  return pipeline.run({ decider: known, streamId, commandName, context, command: () => command, maxAttempts: 1 });
};

/** Decides and appends a batch the request thread built, all or none; a conflict is refused at once. */
const runBatch = (pipeline: CommandPipeline, { commands, context }: RemoteBatch): Promise<BatchResult> => {
  const unknown = commands.find((c) => !DECIDERS[c.decider]);
  if (unknown) return Promise.reject(new Error(`No decider is named ${unknown.decider}`));
  return pipeline.runMany({
    commands: commands.map(({ decider, command, ...rest }) => ({ ...rest, decider: DECIDERS[decider]!, command: () => command })),
    context,
    maxAttempts: 1,
  });
};

/** Answers one request with its result or why it failed. */
const answer = <T>(id: number, work: Promise<T>, post: (outcome: Outcome<T>) => void): void =>
  void work.then(
    (result) => post({ id, result }),
    (error: unknown) => post({ id, failure: failureOf(error) }),
  );

/**
 * The server's writer thread on the embedded store: it decides the commands the request thread builds
 * (with the one command pipeline, its folds kept here), commits their appends and those the request thread
 * sends (group commit, as on any thread), and feeds the read models from the same connection. So the one
 * connection that writes never waits for another, and reads a command needs find its page cache warm: the
 * request thread's connection starts a read with an empty cache whenever this one has committed since.
 * Runs from the compiled dist/ only.
 */
async function run({ path, pollIntervalMs }: ProjectionThreadData): Promise<void> {
  const port = parentPort!;
  const post = (message: FromProjectionThread) => port.postMessage(message);
  const store = new SqliteEventStore({ path, ...(pollIntervalMs ? { pollIntervalMs } : {}) });
  // The checkpointer thread keeps the log short; this threshold only stands in should it stop.
  store.db.pragma(`wal_autocheckpoint = ${WAL_FILE_KEPT_PAGES}`);
  const readModels = new ReadModels(openReadModelDb(path, store).db);
  const runner = new ProjectionRunner(readModels, store, { onStatus: (status) => post({ kind: 'status', status }) });
  const pipeline = new CommandPipeline(store);
  port.on('message', (message: ToProjectionThread) => {
    if (message.kind === 'command') {
      // Commands that arrive while this thread is busy are decided in one turn, and the store commits
      // their appends together.
      const { id, command } = message;
      void runCommand(pipeline, command).then(
        (result) => post({ kind: 'ran', outcomes: [{ id, result }] }),
        (error: unknown) => post({ kind: 'ran', outcomes: [{ id, failure: failureOf(error) }] }),
      );
    } else if (message.kind === 'append') {
      // Appended in one turn, so the store commits them together; answered together.
      const outcomes = message.appends.map(({ id, request }) =>
        store.append(request.streamId, request.events, { expectedRevision: request.expectedRevision }).then(
          (result): AppendOutcome => ({ id, result }),
          (error: unknown): AppendOutcome => ({ id, failure: failureOf(error) }),
        ),
      );
      void Promise.all(outcomes).then((settled) => post({ kind: 'appended', outcomes: settled }));
    } else if (message.kind === 'append-many') {
      answer(message.id, store.appendMany(message.requests), (outcome) => post({ kind: 'appended-many', outcome }));
    } else if (message.kind === 'batch') {
      answer(message.id, runBatch(pipeline, message.batch), (outcome) => post({ kind: 'ran-batch', outcome }));
    } else {
      void runner
        .stop()
        .then(() => store.close())
        .finally(() => post({ kind: 'stopped' }));
    }
  });
  await runner.start();
  post({ kind: 'status', status: runner.status() });
  post({ kind: 'started' });
}

void run(workerData as ProjectionThreadData);
