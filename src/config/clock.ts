import { Clock, clockOf } from '../domain/clock';

/** The system's time: the clock of the program, unless a test gives its own. */
export const systemClock: Clock = clockOf(() => new Date());
