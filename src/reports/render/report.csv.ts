import { QuarterlyReport } from '../quarterly-report/quarterly-report';
import { BOARD_COLUMNS, boardRows } from './board-rows';

/** A cell a spreadsheet would run as a formula is kept as text. */
const FORMULA = /^[=+@\t\r]|^-[^\s]/;

export const csvCell = (value: string): string => {
  const safe = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * The board as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheets read ✓ and ×): one row per
 * milestone, each naming the period, the moment it shows and the head of the log it reflects, so a row taken
 * out alone still says when.
 */
export function reportCsv(report: QuarterlyReport): Buffer {
  const { asOf, knownAt, lastPosition, lastHash } = report.moment;
  const header = [...BOARD_COLUMNS, 'Period', 'As of', 'Known at', 'Last log position', 'Chain link at that position'];
  const moment = [report.period.text, asOf, knownAt, lastPosition === null ? '' : String(lastPosition), lastHash ?? ''];
  const lines = [header, ...boardRows(report).map((row) => [...row, ...moment])];
  return Buffer.from(`\uFEFF${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`, 'utf8');
}
