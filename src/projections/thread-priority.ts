import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** How much lower than the writing thread a rebuild's readers run (nice steps, 19 the lowest). */
export const READER_NICENESS = 10;

/**
 * This thread's id where the system gives one (Linux: /proc/thread-self links to `<pid>/task/<tid>`),
 * so its priority can be set apart from the other threads of the process; undefined elsewhere.
 */
export function currentThreadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lowers this thread's priority by `steps`, leaving the rest of the process as it was. Returns the new
 * niceness, or undefined where threads cannot be told apart: then the thread runs as before.
 */
export function lowerThisThreadsPriority(steps: number): number | undefined {
  const tid = currentThreadId();
  if (tid === undefined) return undefined;
  try {
    const niceness = Math.min(19, getPriority(tid) + steps);
    setPriority(tid, niceness);
    return niceness;
  } catch {
    return undefined;
  }
}
