import { GENESIS, nextLink } from './chain';
import type { ChainHead, StoredEvent } from './event-store.port';

/** Events after `after` (from the start when undefined), at most `maxCount`, in position order. */
export type ReadLog = (after: bigint | undefined, maxCount: number) => Promise<StoredEvent[]>;

const PAGE = 1000;

/**
 * The hash chain of a store that keeps no links (KurrentDB), computed from its log: the first call reads
 * the whole log, later ones only what was appended since. Calls run one after another, each reaching
 * the head as it stood when it was made.
 */
export class ChainFollower {
  private position = -1n;
  private link = GENESIS;
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly read: ReadLog) {}

  head(): Promise<ChainHead> {
    const next = this.last.catch(() => undefined).then(() => this.catchUp());
    this.last = next;
    return next;
  }

  private async catchUp(): Promise<ChainHead> {
    for (;;) {
      const page = await this.read(this.position < 0n ? undefined : this.position, PAGE);
      for (const event of page) {
        this.link = nextLink(this.link, event);
        this.position = event.position;
      }
      if (page.length < PAGE) return { position: this.position, hash: this.link };
    }
  }
}
