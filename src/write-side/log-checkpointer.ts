import { Logger } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { startWorker } from '../platform/worker-script';
import type { CheckpointerData } from './log-checkpointer.worker';

/** How often the log is copied back: often enough that each hot page is copied once for many commits. */
const CHECKPOINT_EVERY_MS = 1000;

/**
 * A small thread that copies the embedded store's write-ahead log back into the database file and starts
 * the log again, so the thread that commits never stops for that. Should it fail, the committing
 * connection's own (larger) threshold takes over: nothing else depends on it.
 */
export class LogCheckpointer {
  private readonly logger = new Logger('Writer');

  private constructor(private readonly worker: Worker) {
    worker.on('error', (error) => this.logger.warn(`The log checkpointer stopped: ${error.message}`));
  }

  static start(path: string): LogCheckpointer {
    const workerData: CheckpointerData = { path, intervalMs: CHECKPOINT_EVERY_MS };
    return new LogCheckpointer(
      startWorker(__dirname, 'log-checkpointer.worker', { workerData, resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } }),
    );
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    // threadId is -1 once a worker has exited (say, after an error): then there is nothing to wait for.
    const ended = new Promise<void>((resolve) => (worker.threadId === -1 ? resolve() : worker.once('exit', () => resolve())));
    worker.postMessage('stop');
    await ended;
  }
}
