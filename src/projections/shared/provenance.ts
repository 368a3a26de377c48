import { Provenance } from '../../domain/provenance';
import { Migration } from '../../event-store/sqlite-schema';

/** Reads the provenance column (written by the engine, see FACT_COLUMNS) back; null when the fact has none. */
export const fromProvenanceColumn = (column: string | null | undefined): Provenance | null =>
  column ? (JSON.parse(column) as Provenance) : null;

/** The migration that gives fact tables written before provenance was kept their column (null in old rows). */
export const addProvenanceColumn = (...tables: string[]): Migration =>
  tables.map((table) => `ALTER TABLE ${table} ADD COLUMN provenance TEXT;`).join('\n');
