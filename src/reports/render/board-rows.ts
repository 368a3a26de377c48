import { RAG_DISPLAY } from '../../milestone/rag';
import { QuarterlyReport } from '../quarterly-report/quarterly-report';
import { changedAfterText, changeText, RAG_WORD } from './wording';

/** The board as one row per milestone: the columns the XLSX's board sheet and the CSV share. */
export const BOARD_COLUMNS = [
  'Priority',
  'Priority title',
  'Milestone',
  'Title',
  'Owner',
  'Symbol',
  'Progress',
  'Commentary',
  'Note',
  'Previous period',
  'Previous progress',
  'Change since last period',
  'Changed after the board saw it',
] as const;

export function boardRows(report: QuarterlyReport): string[][] {
  return report.priorities.flatMap((p) =>
    p.milestones.map((m) => [
      p.priorityId,
      p.title,
      m.milestoneId,
      m.title,
      m.owner ?? '',
      RAG_DISPLAY[m.rag].symbol,
      RAG_WORD[m.rag],
      m.commentary ?? '',
      m.note ?? '',
      report.previousPeriod ?? '',
      m.previousRag ? RAG_WORD[m.previousRag] : '',
      changeText(m, report.previousPeriod),
      changedAfterText(m) ?? '',
    ]),
  );
}
