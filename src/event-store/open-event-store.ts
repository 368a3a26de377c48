import { EventStoreLocation } from '../config/config';
import { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { SqliteEventStore } from './sqlite-event-store';

export function openEventStore(location: EventStoreLocation, clock?: () => Date): EventStore {
  return location.kind === 'sqlite'
    ? new SqliteEventStore({ path: location.path, ...(clock ? { clock } : {}) })
    : new KurrentDbEventStore(location.connectionString);
}
