import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ENTRY_KINDS } from './seed-entries';

/** A seed file: the facts of one source document, as the entries a board member would record. */
export interface SeedFile {
  name: string;
  source: { file: string | null; title: string; publishedOn?: string | null };
  planId: string;
  entries: SeedEntry[];
}

export interface SeedEntry {
  index: number;
  kind: string;
  key: string;
  path: Record<string, string>;
  body: Record<string, unknown>;
  notes: Record<string, unknown>;
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
  const id = ['milestoneId', 'recommendationId', 'findingId', 'visitId', 'indicatorId', 'priorityId', 'planId'].find((k) => raw[k]);
  return `entry ${index + 1} (${String(raw.kind)}${id ? ` ${raw[id]}` : ''}${raw.period ? ` ${raw.period}` : ''})`;
};

const messages = (errors: ValidationError[]): string =>
  errors.flatMap((e) => Object.values(e.constraints ?? {}).concat(e.children?.length ? [messages(e.children)] : [])).join('; ');

function parseEntry(file: string, index: number, raw: Record<string, unknown>): SeedEntry {
  const where = describeEntry(index, raw);
  const kind = ENTRY_KINDS[String(raw.kind)];
  if (!kind) throw new SeedError(file, where, `unknown kind "${String(raw.kind)}"; expected one of ${Object.keys(ENTRY_KINDS).join(', ')}`);
  const path: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  const notes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(raw)) {
    if (field === 'kind') continue;
    if (kind.path.includes(field)) path[field] = String(value);
    else if (kind.notes?.includes(field)) notes[field] = value;
    else body[kind.renames?.[field] ?? field] = value;
  }
  for (const field of kind.path) if (!path[field]) throw new SeedError(file, where, `${field} is missing`);
  const errors = validateSync(plainToInstance(kind.dto, body), { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new SeedError(file, where, messages(errors));
  return { index, kind: String(raw.kind), key: `${file}/${kind.key(raw)}`, path, body, notes };
}

export function parseSeedFile(name: string, text: string): SeedFile {
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SeedError(name, undefined, `not valid JSON: ${(error as Error).message}`);
  }
  if (!json || typeof json.planId !== 'string' || !Array.isArray(json.entries) || typeof json.source?.title !== 'string') {
    throw new SeedError(name, undefined, 'must be an object with source {file, title}, planId and entries [...]');
  }
  const entries = json.entries.map((raw: Record<string, unknown>, i: number) => parseEntry(name, i, raw ?? {}));
  const keys = new Set<string>();
  for (const entry of entries) {
    if (keys.has(entry.key)) throw new SeedError(name, describeEntry(entry.index, json.entries[entry.index]), 'appears twice in this file');
    keys.add(entry.key);
  }
  return { name, source: json.source, planId: json.planId, entries };
}

/** The files of one seed (e.g. `halton`), in load order (their names start with a number). */
export function readSeed(seed: string, dir = SEEDS_DIR): SeedFile[] {
  if (!/^[a-z0-9-]+$/.test(seed)) throw new SeedError(seed, undefined, 'a seed name is lower-case letters, digits and -');
  let names: string[];
  try {
    names = readdirSync(join(dir, seed)).filter((f) => f.endsWith('.json')).sort();
  } catch {
    throw new SeedError(seed, undefined, `there is no seed "${seed}" in ${dir}`);
  }
  return names.map((name) => parseSeedFile(name, readFileSync(join(dir, seed, name), 'utf8')));
}
