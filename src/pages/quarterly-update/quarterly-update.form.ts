import {
  MAX_QUARTERLY_UPDATES,
  RecordQuarterlyUpdateDto,
} from '../../milestone/record-quarterly-update/record-quarterly-update.dto';
import { PeriodRating } from '../../projections/rag-board/rag-board.queries';
import { FieldError } from '../../web/problem.filter';
import { formText } from '../layout/form';

/** What a person typed for one milestone, kept as typed so a refused form comes back as it was sent. */
export interface RowInput {
  milestoneId: string;
  rag: string;
  commentary: string;
  forecastRag: string;
  reason: string;
  /** The milestone's revision when the form was loaded (or confirmed). */
  revision: string;
}

export const ROW_FIELDS = ['rag', 'commentary', 'forecastRag', 'reason'] as const;
export type RowField = (typeof ROW_FIELDS)[number];

/** The form's rows: fields named `<field>-<row>`, the number of rows in `rows`. */
export function rowsOf(body: Record<string, unknown>): RowInput[] {
  const count = Math.min(Number(formText(body.rows)) || 0, MAX_QUARTERLY_UPDATES);
  return Array.from({ length: count }, (_, i) => ({
    milestoneId: formText(body[`milestone-${i}`]),
    rag: formText(body[`rag-${i}`]),
    commentary: formText(body[`commentary-${i}`]),
    forecastRag: formText(body[`forecastRag-${i}`]),
    reason: formText(body[`reason-${i}`]),
    revision: formText(body[`revision-${i}`]),
  }));
}

/** A row that repeats the period's rating as it stands changes nothing, so it is not sent. */
export const unchanged = (row: RowInput, current: PeriodRating | undefined): boolean =>
  current !== undefined &&
  row.rag === current.rag &&
  row.commentary === current.commentary &&
  row.forecastRag === (current.forecastRag ?? '') &&
  row.reason === '';

/** The request the API takes, for the rows to record. */
export function requestOf(period: string, effectiveOn: string, rows: readonly RowInput[]): RecordQuarterlyUpdateDto {
  return {
    period,
    updates: rows.map((row) => ({
      milestoneId: row.milestoneId,
      rag: row.rag,
      commentary: row.commentary,
      effectiveOn,
      ...(row.forecastRag ? { forecastRag: row.forecastRag } : {}),
      ...(row.reason ? { reason: row.reason } : {}),
      ...(/^\d+$/.test(row.revision) ? { expectedRevision: Number(row.revision) } : {}),
    })),
  };
}

const FIELD = /^updates\[(\d+)\](?:\.(\w+))?$/;

/**
 * The API's errors for the rows sent (`updates[3].rag`) as messages on the form's rows, in words a person
 * can act on; `sent[i]` is the form row of the i-th row sent.
 */
export function rowErrors(
  errors: readonly FieldError[],
  sent: readonly number[],
  rows: readonly RowInput[],
): Map<number, Partial<Record<RowField, string>>> {
  const byRow = new Map<number, Partial<Record<RowField, string>>>();
  for (const error of errors) {
    const match = FIELD.exec(error.field);
    const row = match ? sent[Number(match[1])] : undefined;
    if (row === undefined) continue;
    const input = rows[row]!;
    const field: RowField = (ROW_FIELDS as readonly string[]).includes(match![2] ?? '') ? (match![2] as RowField) : 'rag';
    const own = byRow.get(row) ?? {};
    if (own[field] === undefined) own[field] = friendly(field, error.message, input);
    byRow.set(row, own);
  }
  return byRow;
}

function friendly(field: RowField, message: string, row: RowInput): string {
  const id = row.milestoneId;
  // A rule of the plan (a correction without a reason, a forecast for a completed milestone) says it best itself.
  if (/^Milestone /.test(message)) return message;
  switch (field) {
    case 'rag':
      return `Select a rating for ${id}`;
    case 'commentary':
      return row.commentary === ''
        ? `Enter a commentary for ${id}`
        : `The commentary for ${id} must be 20,000 characters or fewer`;
    case 'forecastRag':
      return `Select a forecast for ${id} from the list, or none`;
    case 'reason':
      return `The reason for changing ${id} must be 5,000 characters or fewer`;
    default: {
      const _exhaustive: never = field;
      return _exhaustive;
    }
  }
}
