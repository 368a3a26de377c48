import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { createHash } from 'node:crypto';

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const decodeXml = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** One entry of an OOXML package, as text. */
export const zipEntry = (bytes: Uint8Array, name: string): string => {
  const entry = unzipSync(bytes)[name];
  if (!entry) throw new Error(`The package has no ${name}`);
  return new TextDecoder().decode(entry);
};

/** Every table row of a DOCX's body, each cell as its text (paragraphs joined by a newline). */
export function docxTableRows(bytes: Uint8Array): string[][] {
  const xml = zipEntry(bytes, 'word/document.xml');
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([row]) =>
    [...row.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map(([, cell]) =>
      [...cell!.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
        .map(([p]) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map(([, t]) => decodeXml(t!)).join(''))
        .join('\n'),
    ),
  );
}

/** The DOCX's headings, by their style (Heading1, Heading2, Title). */
export function docxHeadings(bytes: Uint8Array): Array<{ style: string; text: string }> {
  const xml = zipEntry(bytes, 'word/document.xml');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].flatMap(([p]) => {
    const style = /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1];
    if (!style || !/^(Heading\d|Title)$/.test(style)) return [];
    return [{ style, text: [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map(([, t]) => decodeXml(t!)).join('') }];
  });
}

/** A worksheet's rows as text, from the first row, as a person reads them. */
export async function sheetRows(bytes: Uint8Array, name: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`The workbook has no sheet "${name}" (it has ${workbook.worksheets.map((s) => s.name).join(', ')})`);
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => (cells[c - 1] = cell.text));
    rows[n - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(rows, (r) => r ?? []);
}
