import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { PERIOD_LABEL } from './return-template';
import { RETURN_COLUMNS, ReturnColumnKey } from './return-columns';
import { badFile, ReturnRow, ReturnSheet } from './return-sheet';

/** A spreadsheet that unpacks to more than this is refused before it is read (a zip bomb is small). */
const MAX_UNPACKED_BYTES = 60 * 1024 * 1024;
const HEADER_SEARCH_ROWS = 20;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Buffer, magic: number[]) => magic.every((b, i) => bytes[i] === b);

function readZipListing(bytes: Buffer): Map<string, number> {
  const sizes = new Map<string, number>();
  try {
    unzipSync(bytes, {
      filter: (file) => {
        sizes.set(file.name, file.originalSize);
        return false;
      },
    });
  } catch {
    throw badFile('The file looks like a zip package but could not be opened; save it again from Excel as .xlsx.');
  }
  return sizes;
}

const normalise = (text: string) => text.trim().toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ');
const HEADERS = new Map(RETURN_COLUMNS.map((c) => [normalise(c.header), c.key]));

/** Maps a header row to columns; 400 naming what is missing or unknown when it is not the return's. */
function columnsOf(headers: string[]): Map<number, ReturnColumnKey> {
  const found = new Map<number, ReturnColumnKey>();
  headers.forEach((header, i) => {
    const key = HEADERS.get(normalise(header));
    if (key) found.set(i, key);
  });
  const missing = RETURN_COLUMNS.filter((c) => c.required && ![...found.values()].includes(c.key)).map((c) => c.header);
  if (missing.length > 0) {
    const named = headers.filter((h) => h.trim() !== '');
    const seen = named.length === 0 ? 'none' : named.slice(0, 12).map((h) => (h.length > 40 ? `${h.slice(0, 40)}…` : h)).join(', ') + (named.length > 12 ? ', …' : '');
    throw badFile(
      `The sheet does not have the return's columns: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing (headers found: ${seen}). ` +
        `Download the template for this period and fill that in; its columns are ${RETURN_COLUMNS.map((c) => c.header).join(', ')}.`,
    );
  }
  return found;
}

const isHeader = (cells: string[]) => {
  const keys = new Set(cells.map((c) => HEADERS.get(normalise(c))));
  return keys.has('milestoneId') && (keys.has('rating') || keys.has('commentary'));
};

/** The header row: among the first rows, the one naming the return's columns; 400 when there is none. */
function headerOf(lines: Array<{ cells: string[] }>): number {
  const index = lines.findIndex((line, i) => i < HEADER_SEARCH_ROWS && isHeader(line.cells));
  if (index === -1) {
    columnsOf(lines[0]?.cells ?? []);
    throw badFile('The file has no header row naming the return\'s columns.');
  }
  return index;
}

function rowsOf(lines: Array<{ row: number; cells: string[] }>, headerIndex: number): ReturnRow[] {
  const columns = columnsOf(lines[headerIndex]!.cells);
  return lines
    .slice(headerIndex + 1)
    .filter((line) => line.cells.some((c) => c.trim() !== ''))
    .map((line) => {
      const cells: ReturnRow['cells'] = {};
      for (const [index, key] of columns) cells[key] = (line.cells[index] ?? '').trim();
      return { row: line.row, cells };
    });
}

async function readXlsx(bytes: Buffer, fileName: string): Promise<ReturnSheet> {
  const listing = readZipListing(bytes);
  if (listing.has('xl/vbaProject.bin') || /\.xlsm$/i.test(fileName)) {
    throw badFile('The workbook is macro-enabled (.xlsm). Returns carry no macros: save it as an Excel Workbook (.xlsx) and send that.');
  }
  if (!listing.has('xl/workbook.xml')) {
    throw badFile('The file is a zip package but not an Excel workbook (a Word document?). Send the return as .xlsx or .csv.');
  }
  if ([...listing.values()].reduce((a, b) => a + b, 0) > MAX_UNPACKED_BYTES) {
    throw badFile('The workbook unpacks to far more than a quarterly return holds; send the return template filled in, as .xlsx or .csv.');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw badFile('The workbook could not be read; open it in Excel, save it again as .xlsx and send that.');
  }
  const sheet = workbook.worksheets.find((s) => s.name === 'Return') ?? workbook.worksheets[0];
  if (!sheet) throw badFile('The workbook has no sheets.');
  const lines: Array<{ row: number; cells: string[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => (cells[column - 1] = cell.text ?? ''));
    lines.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  const headerIndex = headerOf(lines);
  const periodLine = lines.slice(0, headerIndex).find((line) => normalise(line.cells[0] ?? '') === normalise(PERIOD_LABEL));
  return { format: 'xlsx', ...(periodLine?.cells[1] ? { period: periodLine.cells[1].trim() } : {}), rows: rowsOf(lines, headerIndex) };
}

/** RFC 4180: fields in double quotes may hold commas, quotes (doubled) and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function readCsv(bytes: Buffer): ReturnSheet {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  if (text.includes('\u0000') || text.includes('\uFFFD')) {
    throw badFile('The file is neither an Excel workbook (.xlsx) nor a CSV file in UTF-8. Send the return template filled in, as .xlsx or .csv.');
  }
  const lines = parseCsv(text).map((cells, i) => ({ row: i + 1, cells }));
  const headerIndex = headerOf(lines);
  return { format: 'csv', rows: rowsOf(lines, headerIndex) };
}

/**
 * Reads an uploaded return: an .xlsx workbook or a CSV file with the template's columns. Anything else is a
 * 400 saying why: a password-protected workbook (an encrypted OLE package) or an old .xls, a macro-enabled
 * workbook, another kind of file, or a sheet without the return's columns.
 */
export async function readReturnFile(bytes: Buffer, fileName: string): Promise<ReturnSheet> {
  if (bytes.length === 0) throw badFile('The file is empty.');
  if (startsWith(bytes, CFB)) {
    const encrypted = bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'));
    throw badFile(
      encrypted
        ? 'The workbook is password-protected. Remove the password (File > Info > Protect Workbook) and send it again.'
        : 'The file is an old-style Excel (.xls) or Office file. Save it as an Excel Workbook (.xlsx) or as CSV and send that.',
    );
  }
  if (startsWith(bytes, ZIP)) return readXlsx(bytes, fileName);
  if (/\.(xlsx|xlsm|xls)$/i.test(fileName)) throw badFile(`"${fileName}" is not an Excel workbook that can be opened; save it again as .xlsx.`);
  return readCsv(bytes);
}
