import { EventStoreLocation } from '../config/config';
import { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { SqliteEventStore } from './sqlite-event-store';

export interface OpenOptions {
  /** The clock recorded times are read from (the product's, on every store). */
  clock?: () => Date;
}

export function openEventStore(location: EventStoreLocation, { clock }: OpenOptions = {}): EventStore {
  return location.kind === 'sqlite'
    ? new SqliteEventStore({ path: location.path, ...(clock ? { clock } : {}) })
    : new KurrentDbEventStore(location.connectionString, clock ? { clock } : {});
}
