import { isIsoDate } from '../../domain/dates';

/**
 * Where a read cuts the two timelines: facts effective on or before `asOf`, recorded at or before
 * `knownAt`. `recordedBy` is the bound actually applied to recorded times: without a `knownAt` it is
 * open, so a store whose clock runs ahead of this server's never hides a write the client just made.
 */
export interface ReadCut {
  asOf: string;
  knownAt: string;
  recordedBy: string;
}

export interface ReadCutParams {
  asOf?: string;
  knownAt?: string;
}

const END_OF_TIME = '9999-12-31T23:59:59.999Z';
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d)(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;

/** An ISO 8601 instant with a time and a zone: `2025-10-01T09:00:00Z`, `2025-10-01T10:00+01:00`. */
export const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && INSTANT.test(value) && isIsoDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value));

/** Instants compare as strings once written the way the store writes recordedAt (UTC, milliseconds). */
export const toUtcInstant = (value: string): string => new Date(value).toISOString();

export const isPosition = (value: unknown): value is string => typeof value === 'string' && /^\d{1,15}$/.test(value);

export function readCut(params: ReadCutParams, now: Date = new Date()): ReadCut {
  const knownAt = params.knownAt === undefined ? now.toISOString() : toUtcInstant(params.knownAt);
  return {
    asOf: params.asOf ?? now.toISOString().slice(0, 10),
    knownAt,
    recordedBy: params.knownAt === undefined ? END_OF_TIME : knownAt,
  };
}
