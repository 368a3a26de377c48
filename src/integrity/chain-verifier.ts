import { GENESIS, nextLink } from '../event-store/chain';
import type { ChainHead, StoredEvent } from '../event-store/event-store.port';

/** A head recorded elsewhere (a board pack, an earlier answer of the integrity route) that the log must still hold. */
export interface Anchor {
  position: bigint;
  hash: string;
}

export type Verdict =
  | { ok: true; events: number; head: ChainHead }
  | {
      ok: false;
      /** Events verified before the break. */
      events: number;
      /** The first position that does not match. */
      position: bigint;
      message: string;
    };

/** What the verifier needs of an event: its place, what the chain covers, and its link as kept (if the store keeps one). */
export type CheckedEvent = Pick<StoredEvent, 'position' | 'eventId' | 'streamId' | 'revision' | 'type' | 'data' | 'metadata' | 'recordedAt' | 'link'>;

interface Place {
  position: bigint;
  link: string;
}

interface Suspect {
  event: CheckedEvent;
  /** The last event that matched, or -1 and the genesis link. */
  before: Place;
  /** The one before that, if any. */
  prior?: Place;
}

/**
 * Checks events, fed in log order, against the hash chain. An event's link as the store keeps it must be
 * the one computed from the event and the link before it; a store that keeps none (KurrentDB) has its
 * chain computed, and only anchors can be checked there. When a link does not match, the event after it
 * tells an inserted (or moved) event from a changed one, or from one deleted before it: the next event's
 * link follows from the last good link in the first case, from the suspect's own link in the others.
 */
export class ChainVerifier {
  private link = GENESIS;
  private position = -1n;
  private prior?: Place;
  private count = 0;
  private suspect?: Suspect;
  private verdict?: Verdict;
  private readonly anchors: Map<bigint, string>;

  constructor(anchors: readonly Anchor[] = []) {
    this.anchors = new Map(anchors.map((a) => [a.position, a.hash]));
  }

  /** The link of the last event that matched (the genesis link before any). */
  get lastLink(): string {
    return this.link;
  }

  /** True once a link did not match, though the verdict may wait for the next event. */
  get broken(): boolean {
    return this.suspect !== undefined || (this.verdict !== undefined && !this.verdict.ok);
  }

  /** False once the verdict is known (a break was found): the rest of the log need not be read. */
  add(event: CheckedEvent): boolean {
    if (this.verdict) return false;
    if (this.suspect) {
      this.verdict = broken(this.suspect, event, this.count);
      return false;
    }
    const computed = nextLink(this.link, event);
    if (event.link === null) {
      this.verdict = this.fail(
        event.position,
        `the event there has no link in the chain: it was written outside the tracker (inserted by hand, or by a program that keeps no chain)`,
      );
      return false;
    }
    if (event.link !== undefined && event.link !== computed) {
      this.suspect = { event, before: { position: this.position, link: this.link }, ...(this.prior ? { prior: this.prior } : {}) };
      return true;
    }
    const anchor = this.anchors.get(event.position);
    if (anchor !== undefined) {
      this.anchors.delete(event.position);
      if (anchor !== computed) {
        this.verdict = this.fail(
          event.position,
          `its link is ${computed}, not the ${anchor} recorded for it: the log up to here was rewritten since that head was recorded`,
        );
        return false;
      }
    }
    this.prior = { position: this.position, link: this.link };
    this.link = computed;
    this.position = event.position;
    this.count += 1;
    return true;
  }

  finish(): Verdict {
    if (this.verdict) return this.verdict;
    if (this.suspect) return (this.verdict = broken(this.suspect, undefined, this.count));
    const [missing] = [...this.anchors.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (missing !== undefined) {
      return (this.verdict = this.fail(
        missing,
        missing > this.position
          ? `a head was recorded there, but the log now ends at position ${this.position}: events were deleted from its end (or the head is another store's)`
          : `a head was recorded there, but the log has no event at that position: it was deleted (or the head is another store's)`,
      ));
    }
    return (this.verdict = { ok: true, events: this.count, head: { position: this.position, hash: this.link } });
  }

  private fail(position: bigint, why: string): Verdict {
    return { ok: false, events: this.count, position, message: `The chain breaks at position ${position}: ${why}.` };
  }
}

const after = (before: Suspect['before']) => (before.position < 0n ? 'the start of the log' : `position ${before.position}`);

const follows = (event: CheckedEvent | undefined, place: Place | undefined): boolean =>
  place !== undefined && typeof event?.link === 'string' && event.link === nextLink(place.link, event);

function broken({ event, before, prior }: Suspect, next: CheckedEvent | undefined, count: number): Verdict {
  // An event inserted with the link it would have had: the chain goes on from the one before it.
  if (before.position >= 0n && follows(event, prior)) {
    return {
      ok: false,
      events: count - 1,
      position: before.position,
      message: `The chain breaks at position ${before.position}: the event there does not belong in the chain: the next one, at position ${event.position}, follows on from ${after(prior!)}. It was inserted, or moved here from elsewhere in the log.`,
    };
  }
  const position = event.position;
  const skipsIt = follows(next, before);
  const why = skipsIt
    ? `the event there does not belong in the chain: the next one, at position ${next!.position}, follows on from ${after(before)}. It was inserted, or moved here from elsewhere in the log`
    : `the event there does not match its link. It was changed, or an event recorded between ${after(before)} and it was deleted`;
  return { ok: false, events: count, position, message: `The chain breaks at position ${position}: ${why}.` };
}
