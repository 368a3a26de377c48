import { EventStoreLocation } from '../config/config';
import { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { SqliteEventStore } from './sqlite-event-store';
import { UpgradeProgress } from './sqlite-schema';

export interface OpenOptions {
  clock?: () => Date;
  /** For the server: commit embedded-store appends on its projection thread (see SqliteEventStoreOptions). */
  writerThread?: boolean;
  /** Told how a long upgrade of an embedded store's file goes. */
  onUpgrade?: UpgradeProgress;
}

export function openEventStore(location: EventStoreLocation, { clock, writerThread, onUpgrade }: OpenOptions = {}): EventStore {
  return location.kind === 'sqlite'
    ? new SqliteEventStore({ path: location.path, ...(clock ? { clock } : {}), ...(writerThread ? { writerThread } : {}), ...(onUpgrade ? { onUpgrade } : {}) })
    : new KurrentDbEventStore(location.connectionString, clock ? { clock } : {});
}
