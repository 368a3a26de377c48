import type Database from 'better-sqlite3';
import { resolve } from 'node:path';
import { EventStore } from '../../event-store/event-store.port';
import { openSqlite } from '../../event-store/sqlite-connection';
import { SqliteEventStore } from '../../event-store/sqlite-event-store';

export interface ReadModelDb {
  db: Database.Database;
  /** True when the connection is the read models' own, to be closed with them. */
  owned: boolean;
}

const STORE_CONNECTIONS = new WeakSet<Database.Database>();

/** True for a connection openReadModelDb shared with the embedded store: its events can be read in place. */
export const isStoreConnection = (db: Database.Database): boolean => STORE_CONNECTIONS.has(db);

const samePath = (a: string, b: string): boolean => (a === ':memory:' || b === ':memory:' ? a === b : resolve(a) === resolve(b));

/**
 * With the embedded store the read models live in its file and share its connection, so their tables
 * sit beside the events (and ':memory:' stays one database). Otherwise they get a file of their own.
 */
export function openReadModelDb(readModelPath: string, store: EventStore): ReadModelDb {
  if (store instanceof SqliteEventStore && samePath(readModelPath, store.db.name)) {
    STORE_CONNECTIONS.add(store.db);
    return { db: store.db, owned: false };
  }
  return { db: openSqlite(readModelPath, 'read-models'), owned: true };
}
