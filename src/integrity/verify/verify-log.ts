import type { EventStore } from '../../event-store/event-store.port';
import { Anchor, ChainVerifier, CheckedEvent, Verdict } from '../chain-verifier';

export interface WalkProgress {
  events: number;
  /** The position reached, out of `head`: the one measure of progress every store shares. */
  position: bigint;
  head: bigint;
}

export interface WalkOptions {
  /** Events read at a time. */
  pageSize?: number;
  /** Told after each page; the walk waits for it (an export writes the page meanwhile). */
  onProgress?: (progress: WalkProgress) => void | Promise<void>;
}

/**
 * Reads the log through the store's port, from the start up to its head when the walk began, each event
 * with its link as the store keeps it: the embedded store's links are checked, KurrentDB's computed.
 */
export async function walkLog(store: EventStore, visit: (event: CheckedEvent) => boolean, options: WalkOptions = {}): Promise<void> {
  const pageSize = options.pageSize ?? 2000;
  const head = await store.headPosition();
  let after: bigint | undefined;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: pageSize, links: true });
    for (const event of page) {
      if (event.position > head && head >= 0n) return;
      events += 1;
      if (!visit(event)) return;
      after = event.position;
    }
    if (after !== undefined) await options.onProgress?.({ events, position: after, head });
    if (page.length < pageSize) return;
  }
}

/** Verifies the store's whole log against its chain and the anchors given. */
export async function verifyLog(store: EventStore, anchors: readonly Anchor[] = [], options: WalkOptions = {}): Promise<Verdict> {
  const verifier = new ChainVerifier(anchors);
  await walkLog(store, (event) => verifier.add(event), options);
  return verifier.finish();
}
