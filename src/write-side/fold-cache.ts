/**
 * Folded states kept between commands, so a command reads nothing before deciding. They are bounded by
 * their estimated size rather than their number: a milestone's state holds every period's latest rating
 * with its commentary, small after years of one-line commentaries but ten times larger with a paragraph a
 * quarter, when a fixed number of streams could take hundreds of MB. At this size the server, its writer
 * thread and their page caches fit the memory target at national scale. A stream not kept is read through
 * the store's covering index.
 */
export const CACHED_STATE_BYTES = 48 * 1024 * 1024;

/** What a kept stream costs besides its state (map entry, key, revision). */
const ENTRY_BYTES = 100;

export interface Folded {
  /** The decider that folded it: a stream is only ever folded by one, but the key says nothing of that. */
  decider: unknown;
  revision: number;
  state: unknown;
  /** The estimated size of the state plus the entry. */
  bytes: number;
}

/**
 * The heap a folded state takes, roughly and on the large side: 12 bytes per string and per object
 * property besides the characters. A walk costs far less than serialising the state.
 */
export function sizeOf(value: unknown): number {
  if (typeof value === 'string') return 12 + value.length;
  if (value === null || typeof value !== 'object') return 0;
  let bytes = 16;
  if (Array.isArray(value)) {
    for (const item of value) bytes += 4 + sizeOf(item);
  } else {
    for (const key in value) bytes += 12 + sizeOf((value as Record<string, unknown>)[key]);
  }
  return bytes;
}

/** The most recently used folds, least recently used dropped first once their total passes the limit. */
export class FoldCache {
  private readonly folded = new Map<string, Folded>();
  private total = 0;

  constructor(private readonly limitBytes: number = CACHED_STATE_BYTES) {}

  /** The estimated size of the folds kept, and how many streams they are. */
  usage(): { streams: number; bytes: number } {
    return { streams: this.folded.size, bytes: this.total };
  }

  /** The fold of a stream by this decider, if kept; it becomes the most recently used. */
  get(streamId: string, decider: unknown): Folded | undefined {
    const entry = this.folded.get(streamId);
    if (!entry || entry.decider !== decider) return undefined;
    this.keep(streamId, entry);
    return entry;
  }

  /** Keeps a fold read from the store, estimating its size once. */
  fold(streamId: string, decider: unknown, revision: number, state: unknown): Folded {
    const entry = { decider, revision, state, bytes: ENTRY_BYTES + sizeOf(state) };
    this.keep(streamId, entry);
    return entry;
  }

  /**
   * Keeps a fold grown by appended events: its size grows by theirs (a correction that replaces a rating is
   * counted twice, so the estimate errs on the large side).
   */
  grow(streamId: string, before: Folded, revision: number, state: unknown, events: readonly { data: unknown }[]): void {
    let bytes = before.bytes;
    for (const event of events) bytes += sizeOf(event.data);
    this.keep(streamId, { decider: before.decider, revision, state, bytes });
  }

  forget(streamId: string): void {
    const entry = this.folded.get(streamId);
    if (!entry) return;
    this.folded.delete(streamId);
    this.total -= entry.bytes;
  }

  private keep(streamId: string, entry: Folded): void {
    this.forget(streamId);
    this.folded.set(streamId, entry);
    this.total += entry.bytes;
    for (const oldest of this.folded.keys()) {
      if (this.total <= this.limitBytes || oldest === streamId) break;
      this.forget(oldest);
    }
  }
}
