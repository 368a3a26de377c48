import { unzipSync } from 'fflate';
import { RAG_DISPLAY, Rag } from '../../src/milestone/rag';
import { TestApp } from '../support/test-app';
import { docxHeadings, docxTableRows, sha256, sheetRows, zipEntry } from './support/documents';
import { download, reportPath, seededQ2, startHalton } from './support/halton';

const WORD: Record<Rag, string> = { green: 'Green', amber: 'Amber', red: 'Red', complete: 'Complete', 'not-rated': 'Not rated' };
const mark = (rag: string) => `${RAG_DISPLAY[rag as Rag].symbol} ${WORD[rag as Rag]}`;
const KNOWN_AT = '2025-11-01T00:00:00.000Z';

/** The council's own 2025-26 Q2 report, made again from the plan's record. */
describe('the Halton 2025-26 Q2 quarterly report, as of 2025-09-30', () => {
  let t: TestApp;
  const seed = seededQ2();
  beforeAll(async () => {
    t = await startHalton();
  }, 60_000);
  afterAll(() => t.close());

  it('holds the 51 milestones in the DOCX with the same progress marks as the council’s report, each as symbol and word', async () => {
    const docx = await download(t, reportPath({ asOf: '2025-09-30', knownAt: KNOWN_AT, format: 'docx' }));
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    const rows = docxTableRows(docx.bytes).filter((cells) => cells.length === 5 && /^P\d+\.\d+$/.test(cells[0]!));
    const marks = new Map(rows.map((cells) => [cells[0], cells[2]!.split('\n')[0]]));
    expect(marks.size).toBe(51);
    expect(Object.fromEntries(marks)).toEqual(Object.fromEntries(seed.map((u) => [u.milestoneId, mark(u.rag)])));
    // The commentary is the report's own words.
    const p11 = rows.find((cells) => cells[0] === 'P1.1')!;
    expect(p11[3]).toContain('Family Hub Attendances increased to 12128');
    expect(p11[1]).toContain('Owner: Early Help');
    // Where the paper printed no symbol, the report says what it printed instead of guessing a colour.
    expect(rows.find((cells) => cells[0] === 'P7.6')![2]).toBe('– Not rated\nProgress column printed: "Refer Comment"');
  });

  it('uses real Word headings: the twelve priorities, in the report’s order, after the summary', async () => {
    const docx = await download(t, reportPath({ asOf: '2025-09-30', knownAt: KNOWN_AT, format: 'docx' }));
    const headings = docxHeadings(docx.bytes);
    expect(headings[0]).toEqual({ style: 'Title', text: 'Quarterly monitoring report' });
    expect(headings.filter((h) => h.style === 'Heading1').map((h) => h.text)).toEqual([
      '1. Summary of progress',
      '2. Progress against the milestones',
      '3. Milestones whose rating fell',
      '4. Ratings changed after the board saw them',
      '5. Recommendations',
      '6. Visits since the last report',
      '7. Performance indicators',
      'Appendix: explanation of the progress symbols',
    ]);
    const priorities = headings.filter((h) => h.style === 'Heading2' && /^CYP P\d+:/.test(h.text)).map((h) => h.text.split(':')[0]);
    expect(priorities).toEqual(Array.from({ length: 12 }, (_, i) => `CYP P${i + 1}`));
    // The chart of RAG totals is in the document, as a picture Word and LibreOffice both show.
    expect(zipEntry(docx.bytes, 'word/document.xml')).toContain('name="rag-trend"');
    expect(Object.keys(unzipSync(docx.bytes)).some((name) => /^word\/media\/.+\.png$/.test(name))).toBe(true);
  });

  it('holds the same 51 milestones and marks in the XLSX board sheet, and the indicators on a sheet of their own', async () => {
    const xlsx = await download(t, reportPath({ asOf: '2025-09-30', knownAt: KNOWN_AT, format: 'xlsx' }));
    expect(xlsx.status).toBe(200);
    const rows = await sheetRows(xlsx.bytes, 'Board');
    const header = rows.findIndex((r) => r[0] === 'Priority' && r[2] === 'Milestone');
    const body = rows.slice(header + 1).filter((r) => r.length > 0);
    expect(body).toHaveLength(51);
    const column = (name: string) => rows[header]!.indexOf(name);
    expect(Object.fromEntries(body.map((r) => [r[column('Milestone')], `${r[column('Symbol')]} ${r[column('Progress')]}`]))).toEqual(
      Object.fromEntries(seed.map((u) => [u.milestoneId, mark(u.rag)])),
    );
    expect(rows[1]![0]).toContain('as known at 1 November 2025 at 00:00:00 UTC');
    const indicators = await sheetRows(xlsx.bytes, 'Indicators');
    const cic = indicators.find((r) => r[0] === 'children-in-care')!;
    expect(cic.slice(3, 5)).toEqual(['2025-26 Q2', '384']);
  });

  it('gives the board as CSV, one row per milestone naming the period and the moment', async () => {
    const csv = await download(t, reportPath({ asOf: '2025-09-30', knownAt: KNOWN_AT, format: 'csv' }));
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^Priority,Priority title,Milestone,Title,Owner,Symbol,Progress,Commentary,/);
    expect(lines.filter((l) => /^CYP P\d+,/.test(l))).toHaveLength(51);
    expect(lines.find((l) => l.includes(',P7.6,'))).toMatch(/,–,Not rated,.*,2025-26 Q2,2025-09-30,2025-11-01T00:00:00.000Z,\d+,[0-9a-f]{64}$/);
  });

  it('makes byte-identical files for the same period, asOf and knownAt, whatever the wall clock and time zone', async () => {
    const formats = ['docx', 'xlsx', 'csv', 'html'];
    const first = await Promise.all(formats.map(async (format) => sha256((await download(t, reportPath({ asOf: '2025-09-30', knownAt: KNOWN_AT, format }))).bytes)));
    // Zip entries carry a time to 2 s, in local time: make the second set later, in another zone.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const zone = process.env.TZ;
    process.env.TZ = 'Pacific/Chatham';
    try {
      const second = await Promise.all(formats.map(async (format) => sha256((await download(t, reportPath({ asOf: '2025-09-30', knownAt: KNOWN_AT, format }))).bytes)));
      expect(second).toEqual(first);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(new Set(first).size).toBe(4);
  });

  it('names the moment and the head of the log when knownAt is left out, and that moment gives the same bytes again', async () => {
    const latest = await download(t, reportPath({ asOf: '2025-09-30', format: 'docx' }));
    expect(latest.status).toBe(200);
    const knownAt = latest.headers.get('x-known-at')!;
    const position = latest.headers.get('x-last-position')!;
    expect(knownAt).toBe('2025-10-20T09:00:00.000Z');
    expect(Number(position)).toBe(Number(await t.store.headPosition()));
    const hash = latest.headers.get('x-last-hash')!;
    expect(hash).toBe((await t.store.chainHead()).hash);
    const cover = docxTableRows(latest.bytes).slice(0, 5).map((r) => r.join(' | '));
    expect(cover).toContain(`Head of the log it reflects | Position ${position}; chain link (SHA-256) ${hash}`);
    expect(cover.join('\n')).toContain(`20 October 2025 at 09:00:00 UTC (${knownAt})`);
    const again = await download(t, reportPath({ asOf: '2025-09-30', knownAt, format: 'docx' }));
    expect(sha256(again.bytes)).toBe(sha256(latest.bytes));
    expect(latest.headers.get('x-content-sha256')).toBe(sha256(latest.bytes));
  });

  it('refuses a period that is not a quarter, and a plan it does not know, with problem+json naming the field', async () => {
    const year = await download(t, '/api/plans/halton/reports/quarterly?period=2025-26&format=docx');
    expect(year.status).toBe(400);
    expect(year.json.errors).toEqual([expect.objectContaining({ field: 'period' })]);
    const format = await download(t, reportPath({ format: 'pdf' }));
    expect(format.status).toBe(400);
    expect(format.json.errors[0].field).toBe('format');
    const unknown = await download(t, '/api/plans/nowhere/reports/quarterly?period=2025-26%20Q2');
    expect(unknown.status).toBe(404);
    const early = await download(t, reportPath({ knownAt: '2025-01-01T00:00:00Z' }));
    expect(early.status).toBe(404);
    expect(early.json.detail).toMatch(/recorded at 2025-10-20T09:00:00.000Z, after knownAt/);
  });
});
