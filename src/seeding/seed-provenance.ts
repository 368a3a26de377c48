import { isIsoDate } from '../domain/dates';
import { InferredFields, Provenance, Reading, READINGS } from '../domain/provenance';

/** A published document a seed file transcribes: named by its file in the collection of source documents. */
export interface SourceDocument {
  file: string;
  title: string;
  publisher: string;
  publishedOn: string | null;
}

/** A mistake in a seed's provenance; the caller names the file and the entry. */
export class ProvenanceError extends Error {}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function requireText(value: unknown, field: string): string {
  if (!isText(value)) throw new ProvenanceError(`${field} must be a non-empty text`);
  return value;
}

export function parseSourceDocument(raw: unknown): SourceDocument {
  const source = (raw ?? {}) as Record<string, unknown>;
  const publishedOn = source.publishedOn ?? null;
  if (publishedOn !== null && !isIsoDate(publishedOn)) {
    throw new ProvenanceError('source.publishedOn must be a date written YYYY-MM-DD, or null when the document prints none');
  }
  return {
    file: requireText(source.file, 'source.file'),
    title: requireText(source.title, 'source.title'),
    publisher: requireText(source.publisher, 'source.publisher'),
    publishedOn: publishedOn as string | null,
  };
}

function parseInferred(raw: unknown, fieldsOfEntry: ReadonlySet<string>): InferredFields[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new ProvenanceError('provenance.inferred must be a list of {fields, reason}');
  return raw.map((item: unknown, i) => {
    const entry = (item ?? {}) as Record<string, unknown>;
    const where = `provenance.inferred[${i}]`;
    const { fields } = entry;
    if (!Array.isArray(fields) || fields.length === 0 || !fields.every(isText)) {
      throw new ProvenanceError(`${where}.fields must name at least one field`);
    }
    const unknown = fields.filter((f) => !fieldsOfEntry.has(f));
    if (unknown.length > 0) throw new ProvenanceError(`${where} names ${unknown.join(', ')}, which the entry does not have`);
    return { fields, reason: requireText(entry.reason, `${where}.reason`) };
  });
}

/**
 * An entry's provenance, checked: it says where in the document the fact is, how it was read, why
 * whenever it was not simply printed, and keeps the broken original of any repair.
 */
export function parseEntryProvenance(
  raw: unknown,
  fieldsOfEntry: ReadonlySet<string>,
  fileSource: SourceDocument,
  documents: ReadonlyMap<string, SourceDocument>,
): Provenance {
  if (raw === undefined)
    throw new ProvenanceError('provenance is missing: say where in the document the fact is and how it was read');
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ProvenanceError('provenance must be an object');
  const p = raw as Record<string, unknown>;
  const known = new Set(['document', 'location', 'reading', 'reason', 'original', 'author', 'inferred']);
  const extra = Object.keys(p).filter((k) => !known.has(k));
  if (extra.length > 0) throw new ProvenanceError(`provenance has unknown fields: ${extra.join(', ')}`);
  let source = fileSource;
  if (p.document !== undefined) {
    const named = documents.get(requireText(p.document, 'provenance.document'));
    if (!named)
      throw new ProvenanceError(`provenance.document "${String(p.document)}" is not the source of any file of this seed`);
    source = named;
  }
  const reading = (p.reading ?? 'printed') as Reading;
  if (!READINGS.includes(reading)) throw new ProvenanceError(`provenance.reading must be one of: ${READINGS.join(', ')}`);
  if (reading !== 'printed' && !isText(p.reason))
    throw new ProvenanceError(`provenance.reason is needed: the fact is ${reading}, say why`);
  if (reading === 'repaired' && !isText(p.original))
    throw new ProvenanceError('provenance.original is needed: a repair keeps the text as extracted');
  if (p.original !== undefined && reading !== 'repaired' && reading !== 'inferred') {
    throw new ProvenanceError(`provenance.original belongs to a repaired or inferred reading, not a ${reading} one`);
  }
  if (p.author !== undefined && p.author !== null) requireText(p.author, 'provenance.author');
  return {
    document: source.file,
    title: source.title,
    publisher: source.publisher,
    publishedOn: source.publishedOn,
    location: requireText(p.location, 'provenance.location'),
    reading,
    reason: isText(p.reason) ? p.reason : null,
    original: isText(p.original) ? p.original : null,
    author: p.author === undefined ? source.publisher : (p.author as string | null),
    inferred: parseInferred(p.inferred, fieldsOfEntry),
  };
}
