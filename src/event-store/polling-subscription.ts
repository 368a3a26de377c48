import { EventHandler, StoredEvent, Subscription } from './event-store.port';

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
  let markCaughtUp: () => void = () => undefined;
  let failCaughtUp: (error: Error) => void = () => undefined;
  const caughtUp = new Promise<void>((resolve, reject) => {
    markCaughtUp = resolve;
    failCaughtUp = reject;
  });
  caughtUp.catch(() => undefined);
  let checkpoint = options.fromPosition ?? -1n;

  const run = async () => {
    let backlogDone = false;
    while (!abort.signal.aborted) {
      const batch = await options.read(checkpoint, BATCH);
      for (const event of batch) {
        if (abort.signal.aborted) return;
        await options.handler(event);
        checkpoint = event.position;
      }
      if (batch.length < BATCH) {
        if (!backlogDone) {
          backlogDone = true;
          markCaughtUp();
        }
        await options.waitForMore(abort.signal);
      }
    }
  };
  const running = run().catch((error: unknown) => {
    const failure = error instanceof Error ? error : new Error(String(error));
    failCaughtUp(failure);
    if (!abort.signal.aborted) options.onError?.(failure);
  });

  return {
    caughtUp,
    stop: async () => {
      abort.abort();
      await running;
    },
  };
}
