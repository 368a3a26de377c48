import { BatchItem, BatchResult, Command, CommandContext, CommandExecutor, CommandResult, Event, Handle, handleOf } from '../domain/command';
import { Decider } from '../domain/decider';
import { requireWellFormed, runBatch } from './batch';
import { CommandPipeline } from './pipeline';
import { StreamQueue } from './stream-queue';

/** Runs commands on this thread, one stream's after another: the command lines', the tests', the writer thread's own. */
export class LocalExecutor extends CommandExecutor {
  private readonly queue = new StreamQueue();

  constructor(readonly pipeline: CommandPipeline) {
    super();
  }

  for<C extends Command, E extends Event, S>(decider: Decider<C, E, S>, streamOf: (command: C) => string): Handle<C> {
    return handleOf(decider, streamOf, (command, context) => this.run(decider, streamOf(command), command, context));
  }

  /** Waits for the commands queued before it on any of its streams; those queued after on any of them wait for it. */
  async all(items: readonly BatchItem[], context: CommandContext): Promise<BatchResult> {
    requireWellFormed(items);
    return this.queue.runAll(
      items.map((i) => i.streamId),
      () => runBatch(this.pipeline, items, context),
    );
  }

  run<C extends Command, E extends Event, S>(decider: Decider<C, E, S>, streamId: string, command: C, context: CommandContext): Promise<CommandResult> {
    return this.queue.run(streamId, () => this.pipeline.run(decider, streamId, command, context));
  }
}
