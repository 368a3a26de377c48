import { Migration } from '../../event-store/sqlite-schema';
import { Fact } from './fact';

export type SqlValue = string | number | null;

/** A row for one of a projection's tables, its values in the order of that table's columns. */
export type Row = readonly [table: string, values: readonly SqlValue[]];

/**
 * A read model: its versioned schema, its tables, and the rows each fact adds. `project` is pure;
 * the runner inserts the rows inside its batch transaction. Every table's key makes a second insert
 * of the same row a no-op, so a redelivered fact changes nothing.
 */
export interface Projection {
  readonly name: string;
  readonly migrations: Migration[];
  /** Each table with its columns, in the order `project` gives values; emptied by a rebuild. */
  readonly tables: Readonly<Record<string, readonly string[]>>;
  project(fact: Fact): Row[];
}

export const NO_ROWS: Row[] = [];

/** Who recorded a fact, as the three columns every fact table ends with. */
export const ACTOR_COLUMNS = ['actor_id', 'actor_name', 'actor_role'] as const;
export const actorValues = (fact: Fact): SqlValue[] => [fact.actor.id, fact.actor.name, fact.actor.role];

export const fromActorColumns = (row: { actor_id: string; actor_name: string | null; actor_role: string | null }) => ({
  id: row.actor_id,
  name: row.actor_name,
  role: row.actor_role,
});
