import { dayOf } from './clock';
import { ruleBroken } from './domain-error';

/**
 * Dates are `YYYY-MM-DD` strings throughout the domain. Once validated they sort and compare as
 * plain strings, so no Date objects (and no time zones) are involved.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2025-02-30, 2025-13-01, 2025-9-1). */
export const isIsoDate = (value: unknown): value is IsoDate => {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

export const isoDate = (year: number, month: number, day: number): IsoDate =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

export const compareDates = (a: IsoDate, b: IsoDate): number => (a < b ? -1 : a > b ? 1 : 0);
export const isBefore = (a: IsoDate, b: IsoDate): boolean => a < b;
export const isAfter = (a: IsoDate, b: IsoDate): boolean => a > b;
export const isOnOrBefore = (a: IsoDate, b: IsoDate): boolean => a <= b;
export const isOnOrAfter = (a: IsoDate, b: IsoDate): boolean => a >= b;
export const isWithin = (date: IsoDate, start: IsoDate, end: IsoDate): boolean => start <= date && date <= end;

/** A required date input: a real date written `YYYY-MM-DD`, else a rule error naming the field. */
export const requireDate = (value: string | undefined, field: string, what: string): IsoDate => {
  if (isIsoDate(value)) return value;
  const shown = value === undefined || value === '' ? 'nothing was given' : `"${value}" is not a date in the calendar`;
  throw ruleBroken(`${what} must be a real date written YYYY-MM-DD; ${shown}.`, field);
};

export const earlierOf = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);

/**
 * A day a fact applies to must have come: a fact counts on every view from the day it applies to, so one
 * dated ahead would stay out of today's views without a word. `today` is the day the command was issued.
 */
export const requireNotAfter = (date: IsoDate, today: IsoDate, field: string, what: string, hint?: string): IsoDate => {
  if (date <= today) return date;
  throw ruleBroken(
    `${what} (${date}) is after today (${today}): what is recorded counts from the day it applies to, so it cannot be dated ahead. ` +
      (hint ?? 'Record it on or after that day, or give a date that has come.'),
    field,
  );
};

/** A required date that has come by `now` (the instant the command was issued). */
export const requireDateByNow = (value: string | undefined, now: string, field: string, what: string): IsoDate =>
  requireNotAfter(requireDate(value, field, what), dayOf(now), field, what);

/**
 * The day a fact with no date of its own applies from: the day the command gives (a real date, in its
 * `effectiveOn`, not after today), else the day the command was issued (`now`, an ISO 8601 instant, in UTC).
 */
export const effectiveOnOr = (given: string | undefined, now: string, what: string): IsoDate =>
  given === undefined ? dayOf(now) : requireDateByNow(given, now, 'effectiveOn', what);
