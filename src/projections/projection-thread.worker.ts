import { parentPort, workerData } from 'node:worker_threads';
import { AppendResult, WrongExpectedRevisionError } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { AppendRequest, WAL_CHECKPOINT_PAGES } from '../event-store/sqlite-appender';
import { ProjectionRunner, RunnerStatus } from './projection-runner';
import { openReadModelDb } from './read-model-db';
import { ReadModels } from './read-models';

export interface ProjectionThreadData {
  path: string;
  pollIntervalMs?: number;
}

/** Appends the request thread gathered in one turn of its event loop: committed together. */
export type ToProjectionThread = { kind: 'append'; appends: Array<{ id: number; request: Omit<AppendRequest, 'recordedAt'> }> } | { kind: 'stop' };

/** Why an append was refused, in a form that crosses threads. */
export interface AppendFailure {
  name: string;
  message: string;
  streamId?: string;
  expected?: WrongExpectedRevisionError['expected'];
  actual?: WrongExpectedRevisionError['actual'];
}

export type AppendOutcome = { id: number; result: AppendResult } | { id: number; failure: AppendFailure };

export type FromProjectionThread =
  | { kind: 'appended'; outcomes: AppendOutcome[] }
  | { kind: 'status'; status: RunnerStatus }
  | { kind: 'started' }
  | { kind: 'stopped' };

const failureOf = (error: unknown): AppendFailure =>
  error instanceof WrongExpectedRevisionError
    ? { name: error.name, message: error.message, streamId: error.streamId, expected: error.expected, actual: error.actual }
    : error instanceof Error
      ? { name: error.name, message: error.message }
      : { name: 'Error', message: String(error) };

/**
 * The server's writer thread on the embedded store: it commits the appends the request thread sends it
 * (group commit, as on any thread) and feeds the read models from the same connection, so the one
 * connection that writes never waits for another. Runs from the compiled dist/ only.
 */
async function run({ path, pollIntervalMs }: ProjectionThreadData): Promise<void> {
  const port = parentPort!;
  const post = (message: FromProjectionThread) => port.postMessage(message);
  const store = new SqliteEventStore({ path, ...(pollIntervalMs ? { pollIntervalMs } : {}) });
  // The checkpointer thread keeps the log short; this threshold only stands in should it stop.
  store.db.pragma(`wal_autocheckpoint = ${4 * WAL_CHECKPOINT_PAGES}`);
  const readModels = new ReadModels(openReadModelDb(path, store).db);
  const runner = new ProjectionRunner(readModels, store, { onStatus: (status) => post({ kind: 'status', status }) });
  port.on('message', (message: ToProjectionThread) => {
    if (message.kind === 'append') {
      // Appended in one turn, so the store commits them together; answered together.
      const outcomes = message.appends.map(({ id, request }) =>
        store.append(request.streamId, request.events, { expectedRevision: request.expectedRevision }).then(
          (result): AppendOutcome => ({ id, result }),
          (error: unknown): AppendOutcome => ({ id, failure: failureOf(error) }),
        ),
      );
      void Promise.all(outcomes).then((settled) => post({ kind: 'appended', outcomes: settled }));
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
