import { EventStoreLocation } from '../config/config';
import { EventStore } from './event-store.port';
import type * as KurrentDb from './kurrentdb-event-store';
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
    : new (kurrentDb().KurrentDbEventStore)(location.connectionString, clock ? { clock } : {});
}

/**
 * The KurrentDB client (gRPC and its protocol buffers) is slow to load and large: only a deployment on
 * KurrentDB loads it, when it opens its store. Synchronous, as opening a store is.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kurrentDb = (): typeof KurrentDb => require('./kurrentdb-event-store') as typeof KurrentDb;
