import { GENESIS, nextLink } from './chain';
import type { ChainHead, StoredEvent } from './event-store.port';

/** Events after `after` (from the start when undefined), at most `maxCount`, in position order. */
export type ReadLog = (after: bigint | undefined, maxCount: number) => Promise<StoredEvent[]>;

const PAGE = 1000;

interface Mark {
  position: bigint;
  link: string;
}

/**
 * The hash chain of a store that keeps no links (KurrentDB), computed from its log: the first call reads
 * the whole log, later ones only what was appended since. Calls run one after another, each reaching
 * the head as it stood when it was made. The link every PAGE events is kept, so the link at an earlier
 * position is computed again from the mark before it, reading one page and not the log.
 */
export class ChainFollower {
  private position = -1n;
  private link = GENESIS;
  private readonly marks: Mark[] = [{ position: -1n, link: GENESIS }];
  private sinceMark = 0;
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly read: ReadLog) {}

  head(): Promise<ChainHead> {
    return this.inTurn(() => this.catchUp());
  }

  /** The link at the event with this position, or undefined when the log has no event there. */
  at(position: bigint): Promise<ChainHead | undefined> {
    return this.inTurn(async () => {
      if (position > this.position) await this.catchUp();
      if (position < 0n || position > this.position) return undefined;
      return this.walkTo(position);
    });
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const next = this.last.catch(() => undefined).then(work);
    this.last = next;
    return next;
  }

  private async catchUp(): Promise<ChainHead> {
    for (;;) {
      const page = await this.read(this.position < 0n ? undefined : this.position, PAGE);
      for (const event of page) {
        this.link = nextLink(this.link, event);
        this.position = event.position;
        if (++this.sinceMark === PAGE) {
          this.marks.push({ position: this.position, link: this.link });
          this.sinceMark = 0;
        }
      }
      if (page.length < PAGE) return { position: this.position, hash: this.link };
    }
  }

  private async walkTo(position: bigint): Promise<ChainHead | undefined> {
    let { position: after, link } = this.markBefore(position);
    for (;;) {
      const page = await this.read(after < 0n ? undefined : after, PAGE);
      for (const event of page) {
        if (event.position > position) return undefined;
        link = nextLink(link, event);
        if (event.position === position) return { position, hash: link };
        after = event.position;
      }
      if (page.length < PAGE) return undefined;
    }
  }

  /** The last mark before the position (the marks are in log order). */
  private markBefore(position: bigint): Mark {
    let [low, high] = [0, this.marks.length - 1];
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.marks[middle]!.position < position) low = middle;
      else high = middle - 1;
    }
    return this.marks[low]!;
  }
}
