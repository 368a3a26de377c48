import { Command, CommandContext, CommandExecutor, CommandResult, Event, Handle } from '../domain/command';
import { Decider } from '../domain/decider';
import { CommandPipeline } from './pipeline';
import { StreamQueue } from './stream-queue';

/** Runs commands on this thread, one stream's after another: the command lines', the tests', the writer thread's own. */
export class LocalExecutor extends CommandExecutor {
  private readonly queue = new StreamQueue();

  constructor(readonly pipeline: CommandPipeline) {
    super();
  }

  for<C extends Command, E extends Event, S>(decider: Decider<C, E, S>, streamOf: (command: C) => string): Handle<C> {
    return (command, context) => this.run(decider, streamOf(command), command, context);
  }

  run<C extends Command, E extends Event, S>(decider: Decider<C, E, S>, streamId: string, command: C, context: CommandContext): Promise<CommandResult> {
    return this.queue.run(streamId, () => this.pipeline.run(decider, streamId, command, context));
  }
}
