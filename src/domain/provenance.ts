/**
 * Where a fact recorded from a published document came from, and how it was read. Kept in the metadata
 * of the event that records the fact, so an auditor can tell words an inspector printed from a judgement
 * made while the document was transcribed. Facts a user records directly carry none.
 */
export const READINGS = ['printed', 'repaired', 'inferred', 'second-hand'] as const;
export type Reading = (typeof READINGS)[number];

export const READING_LABELS: Record<Reading, string> = {
  printed: 'Printed: copied verbatim from the document',
  repaired: 'Repaired: text restored where extraction broke it; the broken original is kept',
  inferred: 'Inferred: a judgement made while transcribing; the reason is given',
  'second-hand': 'Second-hand: reported by a council or the press, not by Ofsted',
};

/** Fields of a fact whose values were judged while transcribing, though the rest of the fact was read. */
export interface InferredFields {
  fields: string[];
  reason: string;
}

export interface Provenance {
  /** The source document (its file name in the collection of published documents). */
  document: string;
  title: string;
  /** Who published the document: Ofsted, the council, the press. */
  publisher: string;
  /** The publication date the document prints, or null when it prints none. */
  publishedOn: string | null;
  /** Where in the document: a paragraph number, a table and row, a list item. */
  location: string;
  /** How the fact's own words and figures were read. */
  reading: Reading;
  /** Why, whenever the reading is not `printed`. */
  reason: string | null;
  /** The text as extracted, where it was repaired (or restored by a judgement). */
  original: string | null;
  /** Whose words the fact records, when it quotes someone; null when the document does not say. */
  author: string | null;
  inferred: InferredFields[];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const textOrNull = (value: unknown): string | null => text(value) ?? null;

/**
 * The provenance kept in an event's metadata, or undefined when there is none (or it is not one: events
 * imported from elsewhere may carry anything under that key).
 */
export function provenanceOf(value: unknown): Provenance | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const p = value as Record<string, unknown>;
  const document = text(p.document);
  const location = text(p.location);
  const reading = READINGS.find((r) => r === p.reading);
  if (!document || !location || !reading) return undefined;
  const inferred = Array.isArray(p.inferred)
    ? p.inferred.flatMap((entry: unknown): InferredFields[] => {
        const e = (entry ?? {}) as Record<string, unknown>;
        const fields = Array.isArray(e.fields) ? e.fields.filter((f): f is string => typeof f === 'string') : [];
        const reason = text(e.reason);
        return fields.length > 0 && reason ? [{ fields, reason }] : [];
      })
    : [];
  return {
    document,
    title: text(p.title) ?? document,
    publisher: text(p.publisher) ?? 'unknown',
    publishedOn: textOrNull(p.publishedOn),
    location,
    reading,
    reason: textOrNull(p.reason),
    original: textOrNull(p.original),
    author: textOrNull(p.author),
    inferred,
  };
}
