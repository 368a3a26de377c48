import { Provenance, provenanceOf } from '../../domain/provenance';
import { Migration } from '../../event-store/sqlite-schema';
import { Fact } from '../engine/fact';

/** The provenance column's value for a fact: JSON, or null for a fact recorded directly by its actor. */
export const provenanceValue = (fact: Fact): string | null => {
  const provenance = provenanceOf(fact.metadata.provenance);
  return provenance ? JSON.stringify(provenance) : null;
};

/** Reads the column back; null when the fact has none. */
export const fromProvenanceColumn = (column: string | null | undefined): Provenance | null =>
  column ? (JSON.parse(column) as Provenance) : null;

/** The migration that gives fact tables written before provenance was kept their column (null in old rows). */
export const addProvenanceColumn = (...tables: string[]): Migration =>
  tables.map((table) => `ALTER TABLE ${table} ADD COLUMN provenance TEXT;`).join('\n');
