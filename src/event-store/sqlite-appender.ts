import type Database from 'better-sqlite3';
import { canonicalText, GENESIS, linkAfter } from './chain';
import { AppendResult, EventStoreError, ExpectedRevision, NewEvent, WrongExpectedRevisionError } from './event-store.port';

export interface AppendRequest {
  streamId: string;
  events: NewEvent[];
  expectedRevision: ExpectedRevision;
  /** The store's clock when the append was accepted (ISO 8601 UTC). */
  recordedAt: string;
}

const isMany = (pending: AppendRequest | readonly AppendRequest[]): pending is readonly AppendRequest[] => Array.isArray(pending);

/**
 * Writes appends to the events table: all appends of a batch in one transaction (group commit, one
 * fsync), each kept or refused on its own, so one writer's conflict never affects another's. Each event
 * is linked into the hash chain (chain.ts) from the last link committed, read under the write lock, so
 * every writer on the file (this thread, the server's writer thread, another process) continues one chain.
 */
export class SqliteAppender {
  private readonly statements;
  /** The last link written in the transaction under way. */
  private previous = GENESIS;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      streamRevision: db.prepare<[string], { revision: number | null }>('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?'),
      atRevision: db.prepare<[string, number], { event_id: string; position: number }>(
        'SELECT event_id, position FROM events WHERE stream_id = ? AND revision = ?',
      ),
      byEventId: db.prepare<[string, string], { revision: number; position: number }>(
        'SELECT revision, position FROM events WHERE stream_id = ? AND event_id = ?',
      ),
      insert: db.prepare<[string, string, number, string, string, string, string, Buffer]>(
        `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at, chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      // The last row of the table's b-tree: a page the previous commit left in the cache.
      lastLink: db.prepare<[], Buffer | null>('SELECT chain FROM events ORDER BY position DESC LIMIT 1').pluck(),
    };
  }

  /**
   * Commits the batch; throws only when the transaction as a whole fails (then nothing is stored). An
   * array in the batch is a multi-stream append, kept or refused as one: its outcome is one result per stream.
   */
  commit(batch: ReadonlyArray<AppendRequest | readonly AppendRequest[]>): Array<AppendResult | AppendResult[] | Error> {
    const outcomes: Array<AppendResult | AppendResult[] | Error> = [];
    this.db
      .transaction(() => {
        // A row written without a link (by hand, or by a program that keeps none) is left for verify to
        // name; the chain goes on from the genesis link.
        this.previous = this.statements.lastLink.get()?.toString('hex') ?? GENESIS;
        for (const pending of batch) {
          const before = this.previous;
          try {
            if (isMany(pending)) {
              outcomes.push(this.db.transaction(() => pending.map((request) => this.appendOne(request)))());
              continue;
            }
            // A failed statement undoes itself; several events need a savepoint to be kept all or none.
            const one = () => this.appendOne(pending);
            outcomes.push(pending.events.length === 1 ? one() : this.db.transaction(one)());
          } catch (error) {
            // Its rows were undone: so are its links.
            this.previous = before;
            outcomes.push(error instanceof Error ? error : new EventStoreError(String(error)));
          }
        }
      })
      .immediate();
    return outcomes;
  }

  private appendOne({ streamId, events, expectedRevision, recordedAt }: AppendRequest): AppendResult {
    const current = this.statements.streamRevision.get(streamId)?.revision ?? null;
    const actual = current === null ? 'no-stream' : current;
    const expectedCurrent = expectedRevision === 'no-stream' ? -1 : expectedRevision;
    // An exact retry has its events stored after the expected revision, so only a mismatch can be one.
    if (expectedCurrent === 'any' || expectedCurrent !== (current ?? -1)) {
      const retried = this.alreadyStored(streamId, events, expectedRevision);
      if (retried) return retried;
      if (expectedCurrent !== 'any') throw new WrongExpectedRevisionError(streamId, expectedRevision, actual);
    }
    let revision = current ?? -1;
    let position = 0;
    let previous = this.previous;
    for (const { eventId, type, data, metadata } of events) {
      revision += 1;
      const dataJson = JSON.stringify(data ?? null);
      const metadataJson = JSON.stringify(metadata ?? {});
      previous = linkAfter(previous, canonicalText(eventId, streamId, revision, type, dataJson, metadataJson, recordedAt));
      const link = Buffer.from(previous, 'hex');
      position = Number(this.statements.insert.run(eventId, streamId, revision, type, dataJson, metadataJson, recordedAt, link).lastInsertRowid);
    }
    this.previous = previous;
    return { nextRevision: revision, position: BigInt(position) };
  }

  /** An exact retry (same event ids at the same revisions) is answered as the first time, writing nothing. */
  private alreadyStored(streamId: string, events: NewEvent[], expected: ExpectedRevision): AppendResult | undefined {
    if (expected === 'any') {
      const found = events.map((e) => this.statements.byEventId.get(streamId, e.eventId));
      if (found.every((f) => f !== undefined)) {
        const last = found[found.length - 1]!;
        return { nextRevision: last.revision, position: BigInt(last.position) };
      }
      if (found.some((f) => f !== undefined)) {
        throw new EventStoreError(`Some of these events are already stored in ${streamId}, others are not`);
      }
      return undefined;
    }
    const first = expected === 'no-stream' ? 0 : expected + 1;
    let last: { position: number } | undefined;
    for (let i = 0; i < events.length; i++) {
      const stored = this.statements.atRevision.get(streamId, first + i);
      if (!stored || stored.event_id !== events[i]!.eventId) return undefined;
      last = stored;
    }
    return { nextRevision: first + events.length - 1, position: BigInt(last!.position) };
  }
}
