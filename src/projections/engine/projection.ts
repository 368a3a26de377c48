import { provenanceOf } from '../../domain/provenance';
import { Migration } from '../../event-store/sqlite-schema';
import { DomainEventType, Fact, FactOf } from './fact';

export type SqlValue = string | number | null;

/** A read model's tables, each with its columns in the order they are inserted. */
export type Tables = Readonly<Record<string, readonly string[]>>;

/**
 * The columns that describe the fact itself rather than what it says: the day it applies to, when it was
 * recorded, who recorded it, and the document it was read from (JSON, null for a fact recorded directly
 * by its actor). A table that has any of them gets them from the fact its row is projected from, so no
 * projection writes them out: each is the JavaScript, over the fact `f`, that reads it.
 */
const FACT_COLUMNS = {
  effective_on: 'f.effectiveOn',
  recorded_at: 'f.recordedAt',
  actor_id: 'f.actor.id',
  actor_name: 'f.actor.name',
  actor_role: 'f.actor.role',
  actor_organisation: 'f.actor.organisation',
  provenance: 'provenance(f)',
} as const;
type FactColumn = keyof typeof FACT_COLUMNS;
export const isFactColumn = (column: string): column is FactColumn => column in FACT_COLUMNS;

/** The columns of who recorded a fact, for the tables that keep it. */
export const ACTOR_COLUMNS = ['actor_id', 'actor_name', 'actor_role', 'actor_organisation'] as const satisfies readonly FactColumn[];

/** The migration that gives fact tables written before organisations were kept their column (null in old rows). */
export const addActorOrganisationColumn = (...tables: string[]): Migration =>
  tables.map((table) => `ALTER TABLE ${table} ADD COLUMN actor_organisation TEXT;`).join('\n');

/** The provenance column's value for a fact: JSON, or null for a fact recorded directly by its actor. */
const provenanceValue = (fact: Fact): string | null => {
  const provenance = provenanceOf(fact.metadata.provenance);
  return provenance ? JSON.stringify(provenance) : null;
};

/** A row for one of the tables, its values keyed by column (the fact's own columns are the engine's). */
export type RowOf<T extends Tables> = {
  [K in keyof T & string]: { readonly table: K; readonly values: { readonly [C in Exclude<T[K][number], FactColumn>]: SqlValue } };
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
type Reader = (values: Values, fact: Fact, into: SqlValue[]) => void;
const readers = new WeakMap<readonly string[], Reader>();

/**
 * Appends a row's values to `into`, in the order of its table's columns, the fact's own columns read
 * from the fact: the one place rows become arrays. Compiled once per table, so reading a row by its
 * column names costs what reading an array does (a rebuild turns over a million rows); the names are
 * the tables' own, checked to be plain.
 */
export function appendValues(columns: readonly string[], values: Values, fact: Fact, into: SqlValue[]): void {
  let read = readers.get(columns);
  if (!read) {
    const bad = columns.find((c) => !/^[a-z_][a-z0-9_]*$/.test(c));
    if (bad !== undefined) throw new Error(`Column "${bad}" is not a plain lower-case name`);
    const value = (c: string) => (isFactColumn(c) ? FACT_COLUMNS[c] : `v.${c}`);
    const body = `return (v, f, into) => { into.push(${columns.map((c) => `${value(c)} ?? null`).join(', ')}); };`;
    read = new Function('provenance', body)(provenanceValue) as Reader;
    readers.set(columns, read);
  }
  read(values, fact, into);
}

/** For each event type, the projections (by index) that handle it. */
export function handlersByType(projections: readonly Projection[]): ReadonlyMap<string, readonly number[]> {
  const byType = new Map<string, number[]>();
  projections.forEach((p, i) => {
    for (const type of p.handles) byType.set(type, [...(byType.get(type) ?? []), i]);
  });
  return byType;
}
