import { BatchItem, BatchResult, CommandContext, CommandRefusal, CommandResult, CommandsRefusedError, datedBy, Event } from '../domain/command';
import { DomainError } from '../domain/domain-error';
import { StreamAppend, WrongExpectedRevisionError } from '../event-store/event-store.port';
import { metadataFor } from './event-metadata';
import { eventIdFor, reusedKey } from './idempotency';
import { CommandPipeline } from './pipeline';
import { retries } from './retry-policy';

const refusalOf = (index: number, label: string | undefined, error: DomainError): CommandRefusal => ({
  index,
  ...(label === undefined ? {} : { label }),
  kind: error.kind,
  message: error.message,
  ...(error.field === undefined ? {} : { field: error.field }),
});

/** Refuses a batch with no commands, or one that names a stream twice (each stream's revision is checked once). */
export function requireWellFormed(items: readonly BatchItem[]): void {
  if (items.length === 0) throw new DomainError('rule', 'There is nothing to record: the batch has no commands.');
  const first = new Map<string, number>();
  const refusals: CommandRefusal[] = [];
  items.forEach(({ streamId, label }, index) => {
    const earlier = first.get(streamId);
    if (earlier === undefined) first.set(streamId, index);
    else refusals.push(refusalOf(index, label, new DomainError('rule', `${label ?? streamId} is already changed by #${earlier} of this batch; give each once.`)));
  });
  if (refusals.length > 0) throw new CommandsRefusedError(refusals);
}

/** Every command decided on its stream, or every refusal; nothing is appended while any is refused. */
function decideAll(items: readonly BatchItem[], states: readonly unknown[], context: CommandContext): Event[][] {
  const refusals: CommandRefusal[] = [];
  const decided = items.map(({ decider, command, label }, index): Event[] => {
    try {
      return decider.decide(datedBy(command, context), states[index]);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refusals.push(refusalOf(index, label, error));
      return [];
    }
  });
  if (refusals.length > 0) throw new CommandsRefusedError(refusals);
  return decided;
}

/**
 * Many commands as one, through the pipeline's reads and folds: every stream loaded, every command decided
 * and, if none is refused, all appended in one multi-stream append (EventStore.appendMany). Retried as
 * one command is (see the retry policy): a conflict names the stream, and retries unless the client
 * expected a revision of it.
 */
export async function runBatch(pipeline: CommandPipeline, items: readonly BatchItem[], context: CommandContext): Promise<BatchResult> {
  for (let attempt = 1; ; attempt++) {
    const loaded = await Promise.all(items.map((item) => pipeline.load(item.decider, item.streamId, context, attempt === 1)));
    const retried = loaded.flatMap((l) => ('retried' in l ? [l.retried] : []));
    if (retried.length === items.length) return { position: Math.max(...retried.map((r) => r.position)), results: retried };
    if (retried.length > 0) throw reusedKey();
    const folds = loaded.map((l) => ('folded' in l ? l.folded : undefined)!);
    const cached = loaded.some((l) => 'cached' in l && l.cached);
    try {
      const stale = items.findIndex((item, i) => item.expectedRevision !== undefined && item.expectedRevision !== folds[i]!.revision);
      if (stale !== -1) {
        const actual = folds[stale]!.revision;
        throw new WrongExpectedRevisionError(items[stale]!.streamId, items[stale]!.expectedRevision!, actual === -1 ? 'no-stream' : actual);
      }
      const decided = decideAll(
        items,
        folds.map((f) => f.state),
        context,
      );
      const requests: StreamAppend[] = items.map(({ streamId, command }, i) => {
        const metadata = metadataFor(command, context);
        const events = decided[i]!.map((e, n) => ({ eventId: eventIdFor(context, streamId, n), type: e.type, data: e.data, metadata }));
        return { streamId, events, expectedRevision: folds[i]!.revision === -1 ? 'no-stream' : folds[i]!.revision };
      });
      const appended = await pipeline.store.appendMany(requests);
      const results = items.map(({ decider, streamId }, i): CommandResult => {
        const revision = appended[i]!.nextRevision;
        pipeline.folds.grow(streamId, folds[i]!, revision, decided[i]!.reduce(decider.evolve, folds[i]!.state), decided[i]!);
        return { streamId, revision, position: Number(appended[i]!.position), events: requests[i]!.events.map(({ eventId, type }) => ({ eventId, type })) };
      });
      return { position: Math.max(...results.map((r) => r.position)), results };
    } catch (error) {
      const refused = error instanceof DomainError || error instanceof CommandsRefusedError;
      if (!refused) for (const { streamId } of items) pipeline.folds.forget(streamId);
      const expectedRevision = error instanceof WrongExpectedRevisionError ? items.find((i) => i.streamId === error.streamId)?.expectedRevision : undefined;
      if (!retries(error, { number: attempt, cached, expectedRevision })) throw error;
    }
  }
}
