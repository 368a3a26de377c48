import { PackFormat } from '../../board-pack/board-pack';
import { QuarterlyReport } from '../quarterly-report/quarterly-report';
import { reportCsv } from './report.csv';
import { reportDocx } from './report.docx';
import { reportHtml } from './report.html';
import { reportXlsx } from './report.xlsx';
import { trendChartPng } from './trend-chart.png';
import { CONTENT_TYPES, RenderedFile, sha256Of } from './rendered-file';
import { fileNameOf } from './wording';

async function bytesOf(report: QuarterlyReport, format: PackFormat): Promise<Buffer> {
  switch (format) {
    case 'docx':
      return reportDocx(report, trendChartPng(report.trend));
    case 'xlsx':
      return reportXlsx(report);
    case 'csv':
      return reportCsv(report);
    case 'html':
      return reportHtml(report);
    default: {
      const _exhaustive: never = format;
      throw new Error(`No renderer for ${String(_exhaustive)}`);
    }
  }
}

/** One file of the report, with what a download needs and its hash. */
export async function renderReport(report: QuarterlyReport, format: PackFormat): Promise<RenderedFile> {
  const bytes = await bytesOf(report, format);
  return { format, bytes, contentType: CONTENT_TYPES[format], fileName: fileNameOf(report, format), sha256: sha256Of(bytes) };
}
