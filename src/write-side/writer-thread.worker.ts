import { Logger } from '@nestjs/common';
import { parentPort, workerData } from 'node:worker_threads';
import { BatchResult, CommandResult } from '../domain/command';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { createLogger } from '../logging/logger';
import { PinoNestLogger } from '../logging/nest-logger';
import { readModelsOn } from '../projections/all-projections';
import { ProjectionRunner } from '../projections/engine/projection-runner';
import { openReadModelDb } from '../projections/engine/read-model-db';
import { deciderNamed } from './decider-registry';
import { LocalExecutor } from './local-executor';
import { CommandPipeline } from './pipeline';
import { FromWriter, toCrossing, ToWriter, WriterThreadData } from './writer-protocol';

/**
 * The writer thread (see WriterThread): decides the commands the request thread builds, with the one
 * command pipeline and its folds kept here, commits their appends (group commit, as on any thread) and
 * feeds the read models from the same connection. So the one connection that writes never waits for
 * another, and the reads a command needs find its page cache warm: the request thread's connection starts
 * a read with an empty cache whenever this one has committed since.
 */
async function run({ path, pollIntervalMs, logLevel }: WriterThreadData): Promise<void> {
  Logger.overrideLogger(new PinoNestLogger(createLogger(logLevel ?? 'info')));
  const port = parentPort!;
  const post = (message: FromWriter) => port.postMessage(message);
  const store = new SqliteEventStore({ path, connection: 'writer', ...(pollIntervalMs ? { pollIntervalMs } : {}) });
  const readModels = readModelsOn(openReadModelDb(path, store).db);
  const runner = new ProjectionRunner(readModels, store, { onStatus: (status) => post({ kind: 'status', status }) });
  const executor = new LocalExecutor(new CommandPipeline(store));
  /** Answers one request with its result, or why it was refused. */
  const answer = (id: number, work: () => Promise<CommandResult | BatchResult>): void => {
    let running: Promise<CommandResult | BatchResult>;
    try {
      running = work();
    } catch (error) {
      running = Promise.reject(error);
    }
    void running.then(
      (result) => post({ kind: 'ran', id, result }),
      (error: unknown) => post({ kind: 'refused', id, error: toCrossing(error) }),
    );
  };
  port.on('message', (message: ToWriter) => {
    if (message.kind === 'command') {
      // Commands that arrive while this thread is busy are decided in one turn, and the store commits
      // their appends together.
      const { id, decider, streamId, command, context } = message;
      answer(id, () => executor.run(deciderNamed(decider), streamId, command, context));
    } else if (message.kind === 'batch') {
      const { id, items, context } = message;
      answer(id, () => executor.all(items.map((item) => ({ ...item, decider: deciderNamed(item.decider) })), context));
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

void run(workerData as WriterThreadData);
