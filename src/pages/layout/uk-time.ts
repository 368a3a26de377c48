import { isIsoDate } from '../../domain/dates';

/**
 * People read and type times in UK time (GMT or BST); the store keeps UTC. These convert between the
 * two and write dates and times the way GOV.UK does: "30 September 2025", "1 November 2025 at 9:05am".
 */
const ZONE = 'Europe/London';
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const HOUR = 3_600_000;
/** UK offsets from UTC by UTC hour (the clocks only change on the hour): Intl is asked once an hour, not once a date. */
const offsets = new Map<number, number>();

function ukOffset(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const wall: Record<string, number> = {};
    for (const part of parts.formatToParts(new Date(hour * HOUR)))
      if (part.type !== 'literal') wall[part.type] = Number(part.value);
    offset = Date.UTC(wall.year!, wall.month! - 1, wall.day, wall.hour, wall.minute, wall.second) - hour * HOUR;
    if (offsets.size >= 100_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

/** The UK wall-clock reading of an instant. */
export function ukWallClock(instant: Date): Wall {
  const wall = new Date(instant.getTime() + ukOffset(instant.getTime()));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** The instant at which UK clocks read this date and time (the later reading when clocks go back). */
export function ukToInstant(date: string, hour: number, minute: number, second = 0, ms = 0): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  let instant = asUtc;
  // Two rounds settle the offset, on either side of a change of the clocks.
  for (let round = 0; round < 2; round++) {
    const wall = ukWallClock(new Date(instant));
    const offset =
      Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - Math.floor(instant / 1000) * 1000;
    instant = asUtc - offset;
  }
  return new Date(instant);
}

/** "30 September 2025" for 2025-09-30. */
export function formatDate(date: string): string {
  if (!isIsoDate(date.slice(0, 10))) return date;
  const [year, month, day] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** "1 November 2025 at 9:05am" (UK time) for an ISO instant. */
export function formatInstant(instant: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  const wall = ukWallClock(at);
  const hour12 = wall.hour % 12 === 0 ? 12 : wall.hour % 12;
  const time = `${hour12}:${String(wall.minute).padStart(2, '0')}${wall.hour < 12 ? 'am' : 'pm'}`;
  return `${wall.day} ${MONTHS[wall.month - 1]} ${wall.year} at ${time}`;
}

/** Today's date in the UK. */
export function ukToday(now = new Date()): string {
  const wall = ukWallClock(now);
  return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}
