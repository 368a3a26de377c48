import ExcelJS from 'exceljs';
import { Rag } from '../../milestone/rag';
import { RAG_COLOURS, ragText } from '../render/wording';
import { RATING_CHOICES, RETURN_COLUMNS } from './return-columns';

export interface TemplateRow {
  milestoneId: string;
  title: string;
  owner: string | null;
  lastRating: Rag | null;
  lastCommentary: string | null;
}

export interface TemplateSpec {
  localAuthority: string;
  period: string;
  periodRange: string;
  previousPeriod: string | null;
  knownAt: string;
  rows: TemplateRow[];
}

/** Where the header row sits: the lines above it say what the return is for and how to fill it in. */
export const TEMPLATE_HEADER_ROW = 6;
export const PERIOD_LABEL = 'Period';
const READ_ONLY_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEFEF' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDEE0E2' } };
const INPUT_HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7BF' } };

/**
 * The quarterly return for owners to fill in: one row per milestone, what the plan holds shaded and locked,
 * a drop-down of ratings, and empty commentary. The sheet is protected without a password: it guards
 * against typing in the wrong column, while the upload checks every cell anyway.
 */
export async function returnTemplate(spec: TemplateSpec): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = spec.localAuthority;
  workbook.title = `Quarterly return ${spec.period}`;
  workbook.subject = spec.period;
  const sheet = workbook.addWorksheet('Return', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.getCell('A1').value = `${spec.localAuthority}: quarterly return for ${spec.period} (${spec.periodRange})`;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value =
    'For each milestone you report on, choose a Rating from the list and write the Commentary. Leave Rating empty to skip a milestone. ' +
    `Give a Reason only to correct a rating already recorded for ${spec.period}. The shaded columns are what the plan already holds and are not read back.`;
  sheet.getCell('A2').alignment = { wrapText: true, vertical: 'top' };
  sheet.mergeCells('A2:G2');
  sheet.getRow(2).height = 32;
  sheet.getCell('A3').value = PERIOD_LABEL;
  sheet.getCell('B3').value = spec.period;
  sheet.getCell('A3').font = { bold: true };
  sheet.getCell('A4').value = 'Last period';
  sheet.getCell('A4').font = { bold: true };
  sheet.getCell('B4').value = spec.previousPeriod ? `${spec.previousPeriod}, as known at ${spec.knownAt}` : 'none';

  const header = sheet.getRow(TEMPLATE_HEADER_ROW);
  header.values = RETURN_COLUMNS.map((c) => c.header);
  header.font = { bold: true };
  RETURN_COLUMNS.forEach((column, i) => {
    sheet.getColumn(i + 1).width = column.width;
    header.getCell(i + 1).fill = column.input ? INPUT_HEADER_FILL : HEADER_FILL;
  });
  spec.rows.forEach((row, i) => {
    const excelRow = sheet.getRow(TEMPLATE_HEADER_ROW + 1 + i);
    excelRow.values = [row.milestoneId, row.title, row.owner ?? '', row.lastRating ? ragText(row.lastRating) : '', row.lastCommentary ?? '', '', '', ''];
    excelRow.alignment = { vertical: 'top', wrapText: true };
    RETURN_COLUMNS.forEach((column, c) => {
      const cell = excelRow.getCell(c + 1);
      if (column.input) {
        cell.protection = { locked: false };
        return;
      }
      cell.fill = READ_ONLY_FILL;
    });
    if (row.lastRating) excelRow.getCell(4).font = { bold: true, color: { argb: `FF${RAG_COLOURS[row.lastRating].text}` } };
    excelRow.getCell(6).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${RATING_CHOICES.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Rating',
      error: 'Choose a rating from the list, or leave it empty to skip this milestone.',
      showInputMessage: true,
      promptTitle: 'Rating',
      prompt: `The rating for ${spec.period}`,
    };
  });
  sheet.views = [{ state: 'frozen', ySplit: TEMPLATE_HEADER_ROW, xSplit: 1 }];
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
