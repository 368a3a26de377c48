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
 * Lowers this thread's priority by `steps`, leaving the rest of the process as it was. Where threads
 * cannot be told apart, or the system refuses, the thread runs as before.
 */
export function lowerThisThreadsPriority(steps: number): void {
  const tid = currentThreadId();
  if (tid === undefined) return;
  try {
    setPriority(tid, Math.min(19, getPriority(tid) + steps));
  } catch {
    // Only slower: the rebuild is the same without it.
  }
}
