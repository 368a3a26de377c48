import { ruleBroken } from './domain-error';
import { daysInMonth, earlierOf, isoDate, IsoDate } from './dates';

/**
 * Reporting periods, always English local-government financial years (1 April to 31 March):
 * a quarter `2025-26 Q2`, a financial year `2025-26`, or a calendar month `2025-09`.
 */
export const PERIOD_KINDS = ['quarter', 'financial-year', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  text: string;
  start: IsoDate;
  end: IsoDate;
}

const QUARTER = /^(\d{4})-(\d{2}) Q([1-4])$/;
const YEAR_PAIR = /^(\d{4})-(\d{2})$/;

/** `2025-26`: the second year is the first plus one, kept to two digits (`2099-00`). */
export const financialYearLabel = (firstYear: number): string => `${firstYear}-${String((firstYear + 1) % 100).padStart(2, '0')}`;

const followsOn = (firstYear: number, secondTwoDigits: string) => Number(secondTwoDigits) === (firstYear + 1) % 100;

const quarterOf = (firstYear: number, quarter: number): Period => {
  const year = quarter === 4 ? firstYear + 1 : firstYear;
  const startMonth = quarter === 4 ? 1 : quarter * 3 + 1;
  const endMonth = startMonth + 2;
  return {
    kind: 'quarter',
    text: `${financialYearLabel(firstYear)} Q${quarter}`,
    start: isoDate(year, startMonth, 1),
    end: isoDate(year, endMonth, daysInMonth(year, endMonth)),
  };
};

/**
 * `YYYY-MM` can read as a month or, for 2000–2011, as a financial year (`2011-12`). Those few
 * strings are read as months: financial years that old are outside any current plan.
 */
export const parsePeriod = (text: string): Period | undefined => {
  if (typeof text !== 'string') return undefined;
  const quarter = QUARTER.exec(text);
  if (quarter) {
    const firstYear = Number(quarter[1]);
    return followsOn(firstYear, quarter[2]) ? quarterOf(firstYear, Number(quarter[3])) : undefined;
  }
  const pair = YEAR_PAIR.exec(text);
  if (!pair) return undefined;
  const year = Number(pair[1]);
  const month = Number(pair[2]);
  if (month >= 1 && month <= 12) {
    return { kind: 'month', text, start: isoDate(year, month, 1), end: isoDate(year, month, daysInMonth(year, month)) };
  }
  if (followsOn(year, pair[2])) {
    return { kind: 'financial-year', text, start: isoDate(year, 4, 1), end: isoDate(year + 1, 3, 31) };
  }
  return undefined;
};

export const isQuarter = (text: string): boolean => parsePeriod(text)?.kind === 'quarter';

/**
 * Orders periods by when they end, then the shorter first, so a financial year sorts after its
 * months and quarters. Unreadable texts go last, in text order.
 */
export const comparePeriods = (a: string, b: string): number => {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  if (pa.end !== pb.end) return pa.end < pb.end ? -1 : 1;
  if (pa.start !== pb.start) return pa.start < pb.start ? 1 : -1;
  return 0;
};

const shiftQuarter = (text: string, quarters: number): string | undefined => {
  const match = QUARTER.exec(text);
  if (!match || !isQuarter(text)) return undefined;
  const index = Number(match[1]) * 4 + Number(match[3]) - 1 + quarters;
  return quarterOf(Math.floor(index / 4), (index % 4) + 1).text;
};

/** The quarter before, for direction of travel: `2025-26 Q1` → `2024-25 Q4`. */
export const previousQuarter = (text: string): string | undefined => shiftQuarter(text, -1);

/** The financial-year quarter a date falls in: `2025-09-30` → `2025-26 Q2`. */
export const quarterContaining = (date: IsoDate): string => {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 4 ? quarterOf(year, Math.floor((month - 4) / 3) + 1).text : quarterOf(year - 1, 4).text;
};

/** Quarters from one to another, both included (none when `to` comes first); at most `limit`, the latest kept. */
export const quartersBetween = (from: string, to: string, limit = 400): string[] => {
  const quarters: string[] = [];
  for (let q: string | undefined = to; q !== undefined && comparePeriods(q, from) >= 0 && quarters.length < limit; q = previousQuarter(q)) {
    quarters.unshift(q);
  }
  return quarters;
};

/** The same quarter a year earlier: `2025-26 Q2` → `2024-25 Q2`. */
export const sameQuarterLastYear = (text: string): string | undefined => shiftQuarter(text, -4);

const EXAMPLES: Record<PeriodKind, string> = { quarter: '2025-26 Q2', 'financial-year': '2025-26', month: '2025-09' };
const NAMES: Record<PeriodKind, string> = {
  quarter: 'a financial-year quarter',
  'financial-year': 'a financial year',
  month: 'a month',
};

/** A required period of one of the given kinds, else a rule error naming `period`. */
export const requirePeriod = (text: string | undefined, kinds: readonly PeriodKind[], field = 'period'): Period => {
  const period = typeof text === 'string' ? parsePeriod(text.trim()) : undefined;
  if (period && kinds.includes(period.kind)) return period;
  const wanted = kinds.map((k) => `${NAMES[k]} such as "${EXAMPLES[k]}"`).join(', or ');
  const problem = period ? `is ${NAMES[period.kind]}, but this needs` : 'is not recognised: write';
  throw ruleBroken(`The period "${text ?? ''}" ${problem} ${wanted}.`, field);
};

/** A fact for a period applies to a day inside it, normally its last day. */
export const requireDateInPeriod = (date: IsoDate, period: Period, field = 'effectiveOn'): void => {
  if (date >= period.start && date <= period.end) return;
  const side = date > period.end ? `after ${period.text} ends` : `before ${period.text} starts`;
  throw ruleBroken(
    `The date this applies to (${date}) is ${side}: it must fall within ${period.start} to ${period.end} ` +
      `(left out, it is ${period.end} once the period has ended, or the day it is recorded while the period runs).`,
    field,
  );
};

/**
 * A fact for a period is recorded once the period has begun (a rating for a quarter that has not started
 * says nothing yet). `today` is the day the command was issued.
 */
export const requirePeriodBegun = (period: Period, today: IsoDate, what: string, field = 'period'): void => {
  if (period.start <= today) return;
  throw ruleBroken(
    `${period.text} has not begun: it starts on ${period.start}, and today is ${today}. ${what} can be recorded once its period has begun.`,
    field,
  );
};

/**
 * The day a fact for a period applies to when none is given: the period's last day once it has ended, else
 * today, so a rating made during its own quarter counts from the day it is recorded.
 */
export const defaultDayOf = (period: Period, today: IsoDate): IsoDate => earlierOf(period.end, today);
