import { Rag } from '../../milestone/rag';
import { MAX } from '../../web/fields';
import { columnOf, RATING_HELP, readRating, ReturnColumnKey } from './return-columns';
import { ReturnRow } from './return-sheet';

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface ReturnUpdate {
  row: number;
  milestoneId: string;
  rag: Rag;
  commentary: string;
  reason?: string;
}

export interface SkippedRow {
  row: number;
  milestoneId: string;
  why: string;
}

export interface CurrentRating {
  rag: string;
  commentary: string | null;
}

export interface CheckedReturn {
  updates: ReturnUpdate[];
  skipped: SkippedRow[];
  errors: RowError[];
}

const error = (row: number, key: ReturnColumnKey, message: string): RowError => ({ row, column: columnOf(key).header, message });

/**
 * Checks every row of a return against the plan before anything is recorded, so that one answer lists
 * every row to fix. A row without a rating is skipped; so is one that repeats what is already recorded
 * for the period (the same file sent again records nothing).
 */
export function checkRows(
  rows: readonly ReturnRow[],
  period: string,
  milestones: ReadonlyMap<string, string>,
  current: (milestoneId: string) => CurrentRating | undefined,
): CheckedReturn {
  const updates: ReturnUpdate[] = [];
  const skipped: SkippedRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const given = cells.milestoneId ?? '';
    const ratingText = cells.rating ?? '';
    const commentary = cells.commentary ?? '';
    const reason = cells.reason ?? '';
    if (given === '') {
      if (ratingText !== '' || commentary !== '') errors.push(error(row, 'milestoneId', 'Give the milestone id (such as P2.1) this row rates.'));
      continue;
    }
    const milestoneId = milestones.get(given.toLowerCase());
    if (milestoneId === undefined) {
      errors.push(error(row, 'milestoneId', `The plan has no milestone "${given}".`));
      continue;
    }
    const earlier = seen.get(milestoneId);
    if (earlier !== undefined) {
      errors.push(error(row, 'milestoneId', `Milestone ${milestoneId} is already rated in row ${earlier}; give each milestone once.`));
      continue;
    }
    seen.set(milestoneId, row);
    if (ratingText === '') {
      skipped.push({ row, milestoneId, why: 'no rating given' });
      continue;
    }
    const rag = readRating(ratingText);
    const before = errors.length;
    if (rag === undefined) errors.push(error(row, 'rating', `"${ratingText}" is not a rating: use ${RATING_HELP}.`));
    if (commentary === '') errors.push(error(row, 'commentary', `Write the commentary that supports the rating for ${period}.`));
    else if (commentary.length > MAX.commentary) {
      errors.push(error(row, 'commentary', `The commentary is ${commentary.length} characters long; ${MAX.commentary} at most.`));
    }
    if (reason.length > MAX.text) errors.push(error(row, 'reason', `The reason is ${reason.length} characters long; ${MAX.text} at most.`));
    if (errors.length > before || rag === undefined) continue;
    const now = current(milestoneId);
    if (now && now.rag === rag && now.commentary === commentary) {
      skipped.push({ row, milestoneId, why: `already recorded for ${period}` });
      continue;
    }
    updates.push({ row, milestoneId, rag, commentary, ...(reason ? { reason } : {}) });
  }
  return { updates, skipped, errors };
}

/** The column of a row a decider's refusal is about, by the field it names. */
export const columnOfField = (field: string | undefined): string => {
  switch (field) {
    case 'reason':
      return columnOf('reason').header;
    case 'commentary':
      return columnOf('commentary').header;
    case 'milestoneId':
      return columnOf('milestoneId').header;
    default:
      return columnOf('rating').header;
  }
};
