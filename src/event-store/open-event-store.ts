import { EventStoreLocation } from '../config/config';
import { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { SqliteEventStore } from './sqlite-event-store';

export interface OpenOptions {
  clock?: () => Date;
  /** For the server: commit embedded-store appends on its projection thread (see SqliteEventStoreOptions). */
  writerThread?: boolean;
}

export function openEventStore(location: EventStoreLocation, { clock, writerThread }: OpenOptions = {}): EventStore {
  return location.kind === 'sqlite'
    ? new SqliteEventStore({ path: location.path, ...(clock ? { clock } : {}), ...(writerThread ? { writerThread } : {}) })
    : new KurrentDbEventStore(location.connectionString, clock ? { clock } : {});
}
