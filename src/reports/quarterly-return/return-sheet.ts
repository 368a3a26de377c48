import { ProblemException, problemType } from '../../web/problem.filter';
import { ReturnColumnKey } from './return-columns';

/*
 * What an uploaded return is and how a bad one is refused, apart from the reading of the file itself:
 * the request path checks the upload without loading the spreadsheet libraries, which only a return's
 * reading and its template need.
 */

/** The largest return taken: far more than a plan's rows, small enough to read in memory. */
export const MAX_RETURN_BYTES = 5 * 1024 * 1024;

export interface ReturnRow {
  /** The row number a person sees: the spreadsheet's row, or the CSV's line. */
  row: number;
  cells: Partial<Record<ReturnColumnKey, string>>;
}

export interface ReturnSheet {
  format: 'xlsx' | 'csv';
  /** The period the sheet says it is for, when it says (the template does). */
  period?: string;
  rows: ReturnRow[];
}

/** A file that is not a return we can read: 400, saying what to send instead. */
export const badFile = (detail: string): ProblemException =>
  new ProblemException({
    type: problemType('bad-return-file'),
    title: 'The file is not a quarterly return that can be read',
    status: 400,
    detail,
    errors: [{ field: 'file', message: detail }],
  });

