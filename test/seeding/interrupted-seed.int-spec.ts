import { INestApplication } from '@nestjs/common';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/config';
import { StoredEvent } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { appendsInOrder } from '../../src/seeding/seed-copy';
import { startTestApp } from '../support/test-app';

/**
 * A first start killed while it loads the seed leaves part of the plan in the store. The next start that
 * has the seed configured finishes it, whichever way it was being stored: the rehearsal's commits copied
 * (a new deployment), or entry by entry (a store that cannot append to several streams at once).
 */
describe('a seed whose loading was interrupted', () => {
  let reference: StoredEvent[];
  const config = loadConfig({ EVENT_STORE_URL: 'sqlite::memory:', TRACKER_SEED: 'halton', PORT: '0' });
  const shape = (events: StoredEvent[]) => events.map((e) => [e.eventId, e.streamId, e.revision, e.type]);
  const startOn = (store: SqliteEventStore): Promise<INestApplication> => createApp({ config, store, logger: false });

  beforeAll(async () => {
    const complete = await startTestApp({ TRACKER_SEED: 'halton' });
    reference = await complete.store.readAll();
    await complete.close();
  }, 60_000);

  it.each([
    ['after the first of the copy’s commits', 1],
    ['half-way through the copy’s commits', 0.5],
    ['before the copy’s last commit', -1],
  ])('is finished on the next start when it stopped %s', async (_when, cut) => {
    const commits = appendsInOrder(reference);
    expect(commits.length).toBeGreaterThan(2);
    const done = cut === -1 ? commits.length - 1 : cut < 1 ? Math.floor(commits.length * cut) : cut;
    const store = new SqliteEventStore({ path: ':memory:' });
    for (const requests of commits.slice(0, done)) await store.appendMany(requests);
    const partial = (await store.readAll()).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(reference.length);

    const app = await startOn(store);
    try {
      expect(shape(await store.readAll())).toEqual(shape(reference));
    } finally {
      await app.close();
    }
  }, 60_000);

  it('is finished on the next start when it was being recorded entry by entry and stopped in the middle of a commit', async () => {
    const [first, second] = appendsInOrder(reference);
    const store = new SqliteEventStore({ path: ':memory:' });
    const cut = first!.reduce((n, r) => n + r.events.length, 0) + 1;
    expect(second!.reduce((n, r) => n + r.events.length, 0)).toBeGreaterThan(1);
    for (const event of reference.slice(0, cut)) {
      const { eventId, type, data, metadata } = event;
      await store.append(event.streamId, [{ eventId, type, data, metadata }], { expectedRevision: event.revision === 0 ? 'no-stream' : event.revision - 1 });
    }
    const app = await startOn(store);
    try {
      expect(shape(await store.readAll())).toEqual(shape(reference));
    } finally {
      await app.close();
    }
  }, 60_000);

  it('adds nothing on a start when the seed is all there', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    for (const requests of appendsInOrder(reference)) await store.appendMany(requests);
    const app = await startOn(store);
    try {
      expect(await store.headPosition()).toBe(BigInt(reference.length));
    } finally {
      await app.close();
    }
  }, 60_000);
});
