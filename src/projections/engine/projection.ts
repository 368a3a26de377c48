import { Migration } from '../../event-store/sqlite-schema';
import { DomainEventType, Fact, FactOf } from './fact';

export type SqlValue = string | number | null;

/** A read model's tables, each with its columns in the order they are inserted. */
export type Tables = Readonly<Record<string, readonly string[]>>;

/** A row for one of the tables, its values keyed by column. */
export type RowOf<T extends Tables> = {
  [K in keyof T & string]: { readonly table: K; readonly values: { readonly [C in T[K][number]]: SqlValue } };
}[keyof T & string];

/** A row of any read model, as the engine inserts it. */
export type Row = RowOf<Tables>;

/**
 * A read model: its versioned schema, its tables, the event types it has rows for, and the rows each of
 * those facts adds. `project` is pure and is handed only the types in `handles`; the engine inserts the
 * rows inside its batch transaction. Every table's key makes a second insert of the same row a no-op, so
 * a redelivered fact changes nothing.
 */
export interface ProjectionDefinition<T extends Tables, H extends DomainEventType> {
  readonly name: string;
  readonly migrations: Migration[];
  readonly tables: T;
  readonly handles: readonly H[];
  project(fact: FactOf<H>): RowOf<T>[];
}

/** A read model as the engine holds it, whatever its tables and the types it handles. */
export interface Projection {
  readonly name: string;
  readonly migrations: Migration[];
  readonly tables: Tables;
  readonly handles: readonly DomainEventType[];
  project(fact: Fact): Row[];
}

/**
 * Declares a read model: its rows are checked against its tables' columns, and its switch is exhaustive
 * over the types it handles (the engine hands it no other).
 */
export const projection = <const T extends Tables, const H extends DomainEventType>(definition: ProjectionDefinition<T, H>): Projection =>
  definition as unknown as Projection;

type Values = Row['values'];
const readers = new WeakMap<readonly string[], (values: Values, into: SqlValue[]) => void>();

/**
 * Appends a row's values to `into`, in the order of its table's columns: the one place rows become
 * arrays. Compiled once per table, so reading a row by its column names costs what reading an array
 * does (a rebuild turns over a million rows); the names are the tables' own, checked to be plain.
 */
export function appendValues(columns: readonly string[], values: Values, into: SqlValue[]): void {
  let read = readers.get(columns);
  if (!read) {
    const bad = columns.find((c) => !/^[a-z_][a-z0-9_]*$/.test(c));
    if (bad !== undefined) throw new Error(`Column "${bad}" is not a plain lower-case name`);
    read = new Function('v', 'into', `into.push(${columns.map((c) => `v.${c} ?? null`).join(', ')});`) as (values: Values, into: SqlValue[]) => void;
    readers.set(columns, read);
  }
  read(values, into);
}

/** For each event type, the projections (by index) that handle it. */
export function handlersByType(projections: readonly Projection[]): ReadonlyMap<string, readonly number[]> {
  const byType = new Map<string, number[]>();
  projections.forEach((p, i) => {
    for (const type of p.handles) byType.set(type, [...(byType.get(type) ?? []), i]);
  });
  return byType;
}
