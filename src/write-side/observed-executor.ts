import { BatchItem, BatchResult, Command, CommandContext, CommandExecutor, Event, Handle, handleOf } from '../domain/command';
import { Decider } from '../domain/decider';

/** Told of every command the write side accepted, by its type (the metrics count them); optional. */
export interface CommandObserver {
  accepted(commandType: string): void;
}
export const COMMAND_OBSERVER = Symbol('COMMAND_OBSERVER');

/** An executor that tells the observer of each command it accepted, alone or in a batch, on the thread that answers. */
export class ObservedExecutor extends CommandExecutor {
  constructor(
    private readonly inner: CommandExecutor,
    private readonly observer: CommandObserver,
  ) {
    super();
  }

  for<C extends Command, E extends Event, S>(decider: Decider<C, E, S>, streamOf: (command: C) => string): Handle<C> {
    const handle = this.inner.for(decider, streamOf);
    return handleOf(decider, streamOf, async (command, context) => {
      const result = await handle(command, context);
      this.observer.accepted(command.type);
      return result;
    });
  }

  async all(items: readonly BatchItem[], context: CommandContext): Promise<BatchResult> {
    const result = await this.inner.all(items, context);
    for (const item of items) this.observer.accepted(item.command.type);
    return result;
  }
}
