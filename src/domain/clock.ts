/**
 * The one clock: every command's `now` and every recorded time come from it. Injected, so tests can
 * record facts at chosen instants; the domain never reads it, it is handed `now` in each command.
 */
export abstract class Clock {
  abstract now(): Date;
}

/** A clock reading the given function (the system's time, or a test's). */
export const clockOf = (now: () => Date): Clock => ({ now });

/** The UTC day of an instant written as ISO 8601: the day a command was issued, for facts dated by it. */
export const dayOf = (instant: string): string => instant.slice(0, 10);

/** The day the facts a command records apply to when they have no date of their own. */
export const dayOfCommand = ({ now, effectiveOn }: { now: string; effectiveOn?: string }): string => effectiveOn ?? dayOf(now);
