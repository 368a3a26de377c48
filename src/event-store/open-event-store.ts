import { EventStoreLocation } from '../config/config';
import { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { SqliteEventStore } from './sqlite-event-store';
import { UpgradeProgress } from './sqlite-schema';

export interface OpenOptions {
  /** The clock recorded times are read from (the product's, on every store). */
  clock?: () => Date;
  /** Told how a long upgrade of an embedded store's file goes. */
  onUpgrade?: UpgradeProgress;
}

export function openEventStore(location: EventStoreLocation, { clock, onUpgrade }: OpenOptions = {}): EventStore {
  return location.kind === 'sqlite'
    ? new SqliteEventStore({ path: location.path, ...(clock ? { clock } : {}), ...(onUpgrade ? { onUpgrade } : {}) })
    : new KurrentDbEventStore(location.connectionString, clock ? { clock } : {});
}
