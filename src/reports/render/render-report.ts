import { createHash } from 'node:crypto';
import { PackFormat } from '../../board-pack/board-pack';
import { QuarterlyReport } from '../quarterly-report/quarterly-report';
import { reportCsv } from './report.csv';
import { reportDocx } from './report.docx';
import { reportHtml } from './report.html';
import { reportXlsx } from './report.xlsx';
import { trendChartPng } from './trend-chart.png';
import { fileNameOf } from './wording';

export interface RenderedFile {
  format: PackFormat;
  bytes: Buffer;
  contentType: string;
  fileName: string;
  sha256: string;
}

export const CONTENT_TYPES: Record<PackFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

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

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** One file of the report, with what a download needs and its hash. */
export async function renderReport(report: QuarterlyReport, format: PackFormat): Promise<RenderedFile> {
  const bytes = await bytesOf(report, format);
  return { format, bytes, contentType: CONTENT_TYPES[format], fileName: fileNameOf(report, format), sha256: sha256Of(bytes) };
}
