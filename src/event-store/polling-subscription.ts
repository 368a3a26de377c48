import { caughtUpSignal } from './caught-up-signal';
import { EventHandler, EventStoreError, StoredEvent, Subscription } from './event-store.port';

const BATCH = 500;

interface PollingSubscriptionOptions {
  fromPosition?: bigint;
  /** Events with a position after `after`, at most `max` of them, in order. */
  read: (after: bigint, max: number) => Promise<StoredEvent[]>;
  /** Resolves when new events may be there (or a poll interval has passed, or the signal aborts). */
  waitForMore: (signal: AbortSignal) => Promise<void>;
  handler: EventHandler;
  onError?: (error: Error) => void;
}

/** Catch-up then live delivery for stores that can be read by position: read a batch, deliver, wait, repeat. */
export function subscribeByPolling(options: PollingSubscriptionOptions): Subscription {
  const abort = new AbortController();
  const caughtUp = caughtUpSignal();
  let checkpoint = options.fromPosition ?? -1n;

  const run = async () => {
    while (!abort.signal.aborted) {
      const batch = await options.read(checkpoint, BATCH);
      for (const event of batch) {
        if (abort.signal.aborted) return;
        await options.handler(event);
        checkpoint = event.position;
      }
      if (batch.length < BATCH) {
        caughtUp.resolve();
        await options.waitForMore(abort.signal);
      }
    }
  };
  const running = run().catch((error: unknown) => {
    const failure = error instanceof Error ? error : new Error(String(error));
    caughtUp.reject(failure);
    if (!abort.signal.aborted) options.onError?.(failure);
  });

  return {
    caughtUp: caughtUp.promise,
    stop: async () => {
      abort.abort();
      caughtUp.reject(new EventStoreError('The subscription was stopped before it caught up'));
      await running;
    },
  };
}
