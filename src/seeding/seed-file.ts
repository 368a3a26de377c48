import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isIsoDate } from '../domain/dates';
import { Provenance } from '../domain/provenance';
import { ENTRY_KINDS } from './seed-entries';
import { parseEntryProvenance, parseSourceDocument, ProvenanceError, SourceDocument } from './seed-provenance';

/** A seed file: the facts of one source document, as the entries a board member would record. */
export interface SeedFile {
  name: string;
  source: SourceDocument;
  planId: string;
  /** Effective date for facts that carry none of their own: the date of the document that defines them. */
  effectiveOn?: string;
  entries: SeedEntry[];
}

export interface SeedEntry {
  index: number;
  kind: string;
  key: string;
  path: Record<string, string>;
  body: Record<string, unknown>;
  provenance: Provenance;
}

export class SeedError extends Error {
  constructor(
    readonly file: string,
    readonly entry: string | undefined,
    problem: string,
  ) {
    super(`${file}${entry ? `, ${entry}` : ''}: ${problem}`);
    this.name = 'SeedError';
  }
}

/** The project's seeds/ folder: the nearest one above this file, whether run from src/ or a build folder. */
function findSeedsDir(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'seeds')) && existsSync(join(dir, 'package.json'))) return join(dir, 'seeds');
  }
  return join(from, '..', '..', 'seeds');
}

export const SEEDS_DIR = findSeedsDir(__dirname);

export const describeEntry = (index: number, raw: Record<string, unknown>): string => {
  const id = ['milestoneId', 'recommendationId', 'findingId', 'visitId', 'indicatorId', 'priorityId', 'planId'].find(
    (k) => raw[k],
  );
  return `entry ${index + 1} (${String(raw.kind)}${id ? ` ${raw[id]}` : ''}${raw.period ? ` ${raw.period}` : ''})`;
};

const messages = (errors: ValidationError[]): string =>
  errors.flatMap((e) => Object.values(e.constraints ?? {}).concat(e.children?.length ? [messages(e.children)] : [])).join('; ');

type Documents = ReadonlyMap<string, SourceDocument>;

function parseEntry(
  file: string,
  source: SourceDocument,
  documents: Documents,
  index: number,
  raw: Record<string, unknown>,
): SeedEntry {
  const where = describeEntry(index, raw);
  const kind = ENTRY_KINDS[String(raw.kind)];
  if (!kind) {
    const known = Object.keys(ENTRY_KINDS).join(', ');
    throw new SeedError(file, where, `unknown kind "${String(raw.kind)}"; expected one of ${known}`);
  }
  const path: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(raw)) {
    if (field === 'kind' || field === 'provenance') continue;
    if (kind.path.includes(field)) path[field] = String(value);
    else body[kind.renames?.[field] ?? field] = value;
  }
  for (const field of kind.path) if (!path[field]) throw new SeedError(file, where, `${field} is missing`);
  const errors = validateSync(plainToInstance(kind.dto, body), { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new SeedError(file, where, messages(errors));
  let provenance: Provenance;
  try {
    provenance = parseEntryProvenance(raw.provenance, new Set([...Object.keys(path), ...Object.keys(body)]), source, documents);
  } catch (error) {
    if (error instanceof ProvenanceError) throw new SeedError(file, where, error.message);
    throw error;
  }
  return { index, kind: String(raw.kind), key: `${file}/${kind.key(raw)}`, path, body, provenance };
}

interface RawSeedFile {
  name: string;
  json: any;
  source: SourceDocument;
}

function readHeader(name: string, text: string): RawSeedFile {
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SeedError(name, undefined, `not valid JSON: ${(error as Error).message}`);
  }
  if (!json || typeof json.planId !== 'string' || !Array.isArray(json.entries) || typeof json.source !== 'object') {
    throw new SeedError(
      name,
      undefined,
      'must be an object with source {file, title, publisher, publishedOn}, planId and entries [...]',
    );
  }
  if (json.effectiveOn !== undefined && !isIsoDate(json.effectiveOn)) {
    throw new SeedError(name, undefined, 'effectiveOn must be the date of the document, written YYYY-MM-DD');
  }
  try {
    return { name, json, source: parseSourceDocument(json.source) };
  } catch (error) {
    if (error instanceof ProvenanceError) throw new SeedError(name, undefined, error.message);
    throw error;
  }
}

function parseEntries({ name, json, source }: RawSeedFile, documents: Documents): SeedFile {
  const entries: SeedEntry[] = json.entries.map((raw: Record<string, unknown>, i: number) =>
    parseEntry(name, source, documents, i, raw ?? {}),
  );
  const keys = new Set<string>();
  for (const entry of entries) {
    if (keys.has(entry.key)) {
      throw new SeedError(name, describeEntry(entry.index, json.entries[entry.index]), 'appears twice in this file');
    }
    keys.add(entry.key);
  }
  return { name, source, planId: json.planId, ...(json.effectiveOn ? { effectiveOn: json.effectiveOn } : {}), entries };
}

/** The documents the files transcribe, by file name; two files naming one document must describe it alike. */
function documentsOf(files: RawSeedFile[]): Documents {
  const documents = new Map<string, SourceDocument>();
  for (const { name, source } of files) {
    const seen = documents.get(source.file);
    if (seen && JSON.stringify(seen) !== JSON.stringify(source)) {
      throw new SeedError(name, undefined, `describes ${source.file} differently from another file of this seed`);
    }
    documents.set(source.file, source);
  }
  return documents;
}

/** One seed file on its own: its entries may name only its own source document. */
export function parseSeedFile(name: string, text: string): SeedFile {
  const file = readHeader(name, text);
  return parseEntries(file, documentsOf([file]));
}

/** The files of one seed (e.g. `halton`), in load order (their names start with a number). */
export function readSeed(seed: string, dir = SEEDS_DIR): SeedFile[] {
  if (!/^[a-z0-9-]+$/.test(seed)) throw new SeedError(seed, undefined, 'a seed name is lower-case letters, digits and -');
  let names: string[];
  try {
    names = readdirSync(join(dir, seed))
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    throw new SeedError(seed, undefined, `there is no seed "${seed}" in ${dir}`);
  }
  const files = names.map((name) => readHeader(name, readFileSync(join(dir, seed, name), 'utf8')));
  const documents = documentsOf(files);
  return files.map((file) => parseEntries(file, documents));
}
