import ExcelJS from 'exceljs';
import { QuarterlyReport } from '../quarterly-report/quarterly-report';
import { BOARD_COLUMNS, boardRows } from './board-rows';
import { fixCoreDates, stableZip } from './stable-zip';
import { momentText, RAG_COLOURS, reportTitle } from './wording';

const HEADER_ROW = 4;
const WIDTHS = [10, 36, 10, 48, 24, 8, 11, 90, 30, 14, 16, 30, 34];

const fill = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${hex}` } });

function titled(sheet: ExcelJS.Worksheet, report: QuarterlyReport, title: string, header: readonly string[]): void {
  sheet.getCell('A1').value = `${report.plan.localAuthority}: ${reportTitle(report)}: ${title}`;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = momentText(report);
  sheet.getCell('A2').font = { italic: true, color: { argb: 'FF505A5F' } };
  const row = sheet.getRow(HEADER_ROW);
  row.values = [...header];
  row.font = { bold: true };
  row.eachCell((c) => (c.fill = fill('DEE0E2')));
  sheet.views = [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 0 }];
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: header.length } };
}

/**
 * The report as a workbook: the board (one row per milestone, coloured by rating) and the indicators.
 * Its dates are the moment shown, and the package is written again without the writer's timestamps.
 */
export async function reportXlsx(report: QuarterlyReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const moment = new Date(report.moment.knownAt);
  workbook.creator = report.plan.localAuthority;
  workbook.lastModifiedBy = report.plan.localAuthority;
  workbook.created = moment;
  workbook.modified = moment;
  workbook.title = reportTitle(report);
  workbook.description = momentText(report);

  const board = workbook.addWorksheet('Board', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  titled(board, report, 'the board', BOARD_COLUMNS);
  WIDTHS.forEach((width, i) => (board.getColumn(i + 1).width = width));
  const ragOf = report.priorities.flatMap((p) => p.milestones.map((m) => m.rag));
  boardRows(report).forEach((values, i) => {
    const row = board.addRow(values);
    row.alignment = { vertical: 'top', wrapText: true };
    const colours = RAG_COLOURS[ragOf[i]!];
    for (const column of [6, 7]) {
      row.getCell(column).fill = fill(colours.fill);
      row.getCell(column).font = { bold: true, color: { argb: `FF${colours.text}` } };
    }
  });

  const indicators = workbook.addWorksheet('Indicators', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  titled(indicators, report, 'performance indicators', [
    'Indicator id',
    'Indicator',
    'Unit',
    'Latest period',
    'Latest value',
    'Note',
    'Period before',
    'Value before',
  ]);
  [24, 60, 10, 14, 14, 60, 14, 14].forEach((width, i) => (indicators.getColumn(i + 1).width = width));
  for (const i of report.indicators) {
    const row = indicators.addRow([
      i.indicatorId,
      i.title,
      i.unit,
      i.latest?.period ?? '',
      i.latest?.value ?? null,
      i.latest?.note ?? '',
      i.before?.period ?? '',
      i.before?.value ?? null,
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  return stableZip(new Uint8Array(await workbook.xlsx.writeBuffer()), fixCoreDates(report.moment.knownAt));
}
