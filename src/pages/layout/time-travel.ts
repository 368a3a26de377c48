import { isIsoDate } from '../../domain/dates';
import { isInstant, readCut, ReadCut, toUtcInstant } from '../../projections/shared/read-cut';
import { FieldError } from '../../web/problem.filter';
import { ukToInstant } from './uk-time';

/**
 * The moment a page shows, from its address: `asOf` (a date) and `knownAt` (when it was known). Pages
 * take what the API takes, and also what a person types: a date and a UK time (`2025-11-01 14:30`),
 * or a date alone for the end of that day.
 */
export interface TimeTravel {
  /** As given in the address, for links that keep the same moment. */
  given: { asOf?: string; knownAt?: string };
  /** The instant `knownAt` stands for (UTC), when given. */
  knownAtInstant?: string;
  cut: ReadCut;
}

const LOCAL = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})$/;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

function knownAtInstant(value: string): string | undefined {
  if (isInstant(value)) return toUtcInstant(value);
  const local = LOCAL.exec(value);
  if (local && isIsoDate(local[1]) && Number(local[2]) < 24 && Number(local[3]) < 60) {
    return ukToInstant(local[1]!, Number(local[2]), Number(local[3]), 59, 999).toISOString();
  }
  if (isIsoDate(value)) return ukToInstant(value, 23, 59, 59, 999).toISOString();
  return undefined;
}

export type TimeTravelResult =
  { ok: true; timeTravel: TimeTravel } | { ok: false; errors: FieldError[]; given: TimeTravel['given'] };

export function parseTimeTravel(query: Record<string, unknown>, now = new Date()): TimeTravelResult {
  const asOf = text(query.asOf);
  const knownAt = text(query.knownAt);
  const given = { ...(asOf ? { asOf } : {}), ...(knownAt ? { knownAt } : {}) };
  const errors: FieldError[] = [];
  if (asOf !== undefined && !isIsoDate(asOf)) {
    errors.push({ field: 'asOf', message: 'Enter the “as of” date as a real date, for example 2025-09-30' });
  }
  const instant = knownAt === undefined ? undefined : knownAtInstant(knownAt);
  if (knownAt !== undefined && instant === undefined) {
    errors.push({ field: 'knownAt', message: 'Enter “known at” as a date and time, for example 2025-11-01 14:30' });
  }
  if (errors.length > 0) return { ok: false, errors, given };
  return {
    ok: true,
    timeTravel: {
      given,
      ...(instant ? { knownAtInstant: instant } : {}),
      cut: readCut({ ...(asOf ? { asOf } : {}), ...(instant ? { knownAt: instant } : {}) }, now),
    },
  };
}

/** A path with the moment shown carried over, and any other query values given. */
export function withMoment(path: string, given: TimeTravel['given'], extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...extra, ...given }))
    if (value !== undefined && value !== '') params.set(name, value);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
