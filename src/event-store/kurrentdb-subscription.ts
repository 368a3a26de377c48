import type { AllStreamResolvedEvent, AllStreamSubscription } from '@kurrent/kurrentdb-client';
import { caughtUpSignal } from './caught-up-signal';
import { EventHandler, EventStoreError, StoreUnavailableError, Subscription } from './event-store.port';
import { toStoreError, withDeadline } from './kurrentdb-errors';
import { fromAll } from './kurrentdb-records';

export interface ConsumeOptions {
  /** The position the subscription delivers events after; undefined: from the beginning. */
  from?: bigint;
  /** The store's last position when the subscription starts, for servers that never say they caught up. */
  head: Promise<bigint>;
  handler: EventHandler;
  onError?: (error: Error) => void;
}

/** How long `stop()` waits for the client to cancel the call before it lets go of the stream anyway. */
const UNSUBSCRIBE_MS = 2000;

/**
 * Delivers the events of a client's `$all` subscription to the handler, one at a time, with the port's
 * contract: `caughtUp` once every backlog event was handled, a failure or an end of the stream reported once,
 * nothing delivered after `stop()`.
 */
export function consumeSubscription(stream: AllStreamSubscription, { from, head, handler, onError }: ConsumeOptions): Subscription {
  let stopped = false;
  const caughtUp = caughtUpSignal();

  let taken = 0;
  let handled = 0;
  let last = from ?? -1n;
  let backlog: number | undefined;
  let headAtStart: bigint | undefined;
  const checkCaughtUp = () => {
    if ((backlog !== undefined && handled >= backlog) || (headAtStart !== undefined && last >= headAtStart)) caughtUp.resolve();
  };

  // Listen at once: the stream emits its errors itself, and one with no listener is thrown as uncaught.
  let failure: Error | undefined;
  stream.on('error', (error: Error) => (failure ??= error));
  // The client says it caught up as soon as the server does, while the events before may still wait in
  // its buffer: the backlog ends with the last of them.
  stream.once('caughtUp', () => {
    backlog = taken + stream.readableLength;
    checkCaughtUp();
  });
  head.then(
    (position) => {
      headAtStart = position;
      checkCaughtUp();
    },
    () => undefined, // the subscription itself reports an unreachable store
  );

  const running = (async () => {
    for await (const resolved of stream as AsyncIterable<AllStreamResolvedEvent>) {
      if (stopped) return;
      taken += 1;
      const event = fromAll(resolved);
      if (event) {
        await handler(event);
        last = event.position;
      }
      handled += 1;
      checkCaughtUp();
    }
    if (!stopped) throw failure ?? new StoreUnavailableError('The event store ended the subscription');
  })().catch((error: unknown) => {
    if (stopped) return;
    const reported = toStoreError(failure ?? error, 'to the subscription');
    caughtUp.reject(reported);
    onError?.(reported);
  });

  return {
    caughtUp: caughtUp.promise,
    stop: async () => {
      if (!stopped) {
        stopped = true;
        caughtUp.reject(new EventStoreError('The subscription was stopped before it caught up'));
        await withDeadline(stream.unsubscribe(), UNSUBSCRIBE_MS, 'to the end of the subscription').catch(() => undefined);
        stream.destroy();
      }
      await running;
    },
  };
}
