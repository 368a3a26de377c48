import { Command, CommandContext, CommandResult, datedBy, Event } from '../domain/command';
import { Decider } from '../domain/decider';
import { DomainError } from '../domain/domain-error';
import { EventStore, RecordedFact, WrongExpectedRevisionError } from '../event-store/event-store.port';
import { metadataFor } from './event-metadata';
import { FoldCache, Folded } from './fold-cache';
import { eventIdFor, findRetried } from './idempotency';
import { retries } from './retry-policy';

/** The stream's state to decide on, or the answer a retried request already had. */
export type Loaded = { folded: Folded; cached: boolean } | { retried: CommandResult };

/** The one command pipeline: read the stream → fold → decide → append with the expected revision. */
export class CommandPipeline {
  constructor(
    readonly store: EventStore,
    readonly folds: FoldCache = new FoldCache(),
  ) {}

  async run<C extends Command, E extends Event, S>(decider: Decider<C, E, S>, streamId: string, command: C, context: CommandContext): Promise<CommandResult> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load(decider, streamId, context, attempt === 1);
      if ('retried' in loaded) return loaded.retried;
      const { folded, cached } = loaded;
      try {
        if (context.expectedRevision !== undefined && context.expectedRevision !== folded.revision) {
          throw new WrongExpectedRevisionError(streamId, context.expectedRevision, folded.revision === -1 ? 'no-stream' : folded.revision);
        }
        const events = decider.decide(datedBy(command, context), folded.state as S);
        const metadata = metadataFor(command, context);
        const toAppend = events.map((e, i) => ({ eventId: eventIdFor(context, streamId, i), type: e.type, data: e.data, metadata }));
        const appended = await this.store.append(streamId, toAppend, { expectedRevision: folded.revision === -1 ? 'no-stream' : folded.revision });
        this.folds.grow(streamId, folded, appended.nextRevision, events.reduce(decider.evolve, folded.state as S), events);
        const position = Number(appended.position);
        return { streamId, revision: appended.nextRevision, position, events: toAppend.map(({ eventId, type }) => ({ eventId, type })) };
      } catch (error) {
        // A rule broken leaves the fold as it was; anything else may mean it is behind the store.
        if (!(error instanceof DomainError)) this.folds.forget(streamId);
        if (!retries(error, { number: attempt, cached, expectedRevision: context.expectedRevision })) throw error;
      }
    }
  }

  /**
   * The stream's state: a kept fold as it is when it may be trusted (the first attempt), else the kept fold
   * plus what was appended since (by this process or another). A request with an Idempotency-Key first
   * looks for its first attempt's events by id, which costs one lookup whatever the stream's length.
   */
  async load<C, E extends Event, S>(decider: Decider<C, E, S>, streamId: string, context: CommandContext, trust: boolean): Promise<Loaded> {
    const retried = await findRetried(this.store, streamId, context);
    if (retried) return { retried };
    const kept = this.folds.get(streamId, decider);
    if (kept && trust) return { folded: kept, cached: true };
    const stored: RecordedFact[] = await this.store.readStreamFacts(streamId, { fromRevision: kept ? kept.revision + 1 : 0 });
    const state = stored.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), (kept?.state as S) ?? decider.initialState);
    const revision = stored.length > 0 ? stored[stored.length - 1]!.revision : (kept?.revision ?? -1);
    return { folded: this.folds.fold(streamId, decider, revision, state), cached: false };
  }
}
