import { SqliteEventStore } from '../../../src/event-store/sqlite-event-store';
import { readModelsOn } from '../../../src/projections/all-projections';
import { Projection } from '../../../src/projections/engine/projection';
import { ProjectionRunner, RunnerOptions } from '../../../src/projections/engine/projection-runner';
import { openReadModelDb } from '../../../src/projections/engine/read-model-db';
import { ReadModels } from '../../../src/projections/engine/read-models';
import { pipelineWriter } from './pipeline-writer';
import { Writer } from './writer';

export interface ReadSide {
  store: SqliteEventStore;
  writer: Writer;
  readModels: ReadModels;
  runner: ProjectionRunner;
  /** Resolves once the read models have reached the store's head (fails after 5 s). */
  caughtUp(): Promise<number>;
  close(): Promise<void>;
}

/** A real in-memory store with a clock the test sets, the read models on its connection, and their runner. */
export function startReadSide(
  options: { projections?: readonly Projection[]; runner?: RunnerOptions; path?: string } = {},
): ReadSide {
  let now: Date | undefined;
  const path = options.path ?? ':memory:';
  const store = new SqliteEventStore({ path, clock: () => now ?? new Date() });
  // As the application does: the read models share the store's connection, and read its events in place.
  const { db } = openReadModelDb(path, store);
  const readModels = options.projections ? new ReadModels(db, options.projections) : readModelsOn(db);
  const runner = new ProjectionRunner(readModels, store, options.runner);
  void runner.start();
  return {
    store,
    writer: pipelineWriter(store, (at) => (now = at === undefined ? undefined : new Date(at))),
    readModels,
    runner,
    async caughtUp() {
      const head = Number(await store.headPosition());
      if (!(await runner.waitFor(head, 5000)))
        throw new Error(`the read models did not reach ${head}: ${JSON.stringify(runner.status())}`);
      return head;
    },
    async close() {
      await runner.stop();
      await store.close();
    },
  };
}
