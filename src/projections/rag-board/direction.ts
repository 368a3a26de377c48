import { Rag } from '../../milestone/rag';

export type Direction = 'improved' | 'declined' | 'unchanged';

/** Worst to best; "not rated" says nothing about direction, so it has no place. */
const ORDER: Partial<Record<Rag, number>> = { red: 0, amber: 1, green: 2, complete: 3 };

/**
 * Direction of travel from one rating to the next, or null when either is missing or not rated, but for one
 * case: a milestone not rated last quarter and red now has declined (red says it will not be achieved, and
 * nothing before said otherwise), so it is on the list of declines, not off every list.
 */
export function directionOf(current: string | null, previous: string | null): Direction | null {
  if (current === 'red' && previous === 'not-rated') return 'declined';
  const now = current === null ? undefined : ORDER[current as Rag];
  const before = previous === null ? undefined : ORDER[previous as Rag];
  if (now === undefined || before === undefined) return null;
  return now > before ? 'improved' : now < before ? 'declined' : 'unchanged';
}

export interface RagTotals {
  green: number;
  amber: number;
  red: number;
  complete: number;
  notRated: number;
}

export const emptyTotals = (): RagTotals => ({ green: 0, amber: 0, red: 0, complete: 0, notRated: 0 });

export function countRag(totals: RagTotals, rag: string): void {
  if (rag === 'green' || rag === 'amber' || rag === 'red' || rag === 'complete') totals[rag] += 1;
  else totals.notRated += 1;
}
