import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp, TEST_ADMIN_TOKEN } from '../support/test-app';
import { zipEntry } from './support/documents';
import { download, reportPath, startHalton } from './support/halton';

/**
 * The board paper as people see it: the DOCX laid out by LibreOffice (as Word users' colleagues open
 * it) and the HTML printed by Chromium on A4, each turned into PNG pages to look at. The pictures are
 * left in RENDER_DIR (default: a folder under the system's temporary directory), named in the output.
 */
const has = (command: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
};
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const poppler = has('pdftoppm') && has('pdftotext') && has('pdfimages');
const missing = {
  libreOffice: !has('soffice') ? 'LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui' : undefined,
  chromium: !existsSync(CHROMIUM) ? `Chromium is not at ${CHROMIUM}: apt-get install chromium` : undefined,
  poppler: poppler ? undefined : 'poppler-utils (pdftoppm, pdftotext, pdfimages) is not installed: apt-get install poppler-utils',
};
const skipped = (reason: string | undefined, name: string) => {
  if (reason) process.stderr.write(`\n*** SKIPPED: ${name}: ${reason}. ***\n\n`);
  return reason ? it.skip : it;
};

const outDir = process.env.RENDER_DIR ?? join(tmpdir(), 'tracker-report-rendering');
const text = (pdf: string, page: number) => execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
const imagesOn = (pdf: string, page: number) =>
  execFileSync('pdfimages', ['-list', '-f', String(page), '-l', String(page), pdf], { encoding: 'utf8' }).trim().split('\n').length - 2;

/** The first page of each priority, by the heading that starts it. */
function priorityPages(pdf: string): Map<string, number> {
  const found = new Map<string, number>();
  for (let page = 1; page <= pages(pdf); page++) {
    const heading = /^\s*(CYP P\d+):/m.exec(text(pdf, page));
    if (heading && !found.has(heading[1]!)) found.set(heading[1]!, page);
  }
  return found;
}

function toPngs(pdf: string, prefix: string, last: number): string[] {
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', String(last), pdf, join(outDir, prefix)]);
  const written = readdirSync(outDir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => join(outDir, f));
  process.stderr.write(`Rendered pages to look at:\n${written.map((f) => `  ${f}`).join('\n')}\n`);
  return written;
}

/** The DOCX laid out by LibreOffice, as PDF; a profile of its own, so that other LibreOffice runs do not interfere. */
function convert(docx: Buffer, name: string): string {
  const source = join(outDir, `${name}.docx`);
  writeFileSync(source, docx);
  const profile = mkdtempSync(join(tmpdir(), 'tracker-soffice-'));
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, source], {
      stdio: 'pipe',
      timeout: 180_000,
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return join(outDir, `${name}.pdf`);
}

describe('the quarterly report as it renders', () => {
  let t: TestApp;
  beforeAll(async () => {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    t = await startHalton();
  }, 60_000);
  afterAll(() => t.close());

  skipped(missing.libreOffice ?? missing.poppler, 'DOCX rendered by LibreOffice')(
    'lays the DOCX out as a board paper: cover, summary with the chart, a page per priority, in LibreOffice',
    async () => {
      const docx = await download(t, reportPath({ asOf: '2025-09-30', knownAt: '2025-11-01T00:00:00Z', format: 'docx' }));
      const pdf = convert(docx.bytes, 'halton-2025-26-Q2');
      const cover = text(pdf, 1);
      expect(cover).toContain('Halton Borough Council');
      expect(cover).toContain('Quarterly monitoring report');
      expect(cover).toContain('2025-26 Q2: 1 July 2025 to 30 September 2025');
      expect(cover).toMatch(/As known at\s+1 November 2025 at 00:00:00 UTC/);
      // The head of the log it reflects: the position and the chain's link, whole, however the cell wraps it.
      expect(cover).toContain(`Position ${docx.headers.get('x-last-position')}; chain link`);
      expect(cover.replace(/\s+/g, '')).toContain(docx.headers.get('x-last-hash'));
      const summary = text(pdf, 2);
      expect(summary).toContain('1. Summary of progress');
      expect(summary).toMatch(/Of 51 milestones, 13 are on course \(green\), 19 uncertain/);
      expect(imagesOn(pdf, 2)).toBeGreaterThanOrEqual(1);
      const starts = priorityPages(pdf);
      expect([...starts.keys()]).toEqual(Array.from({ length: 12 }, (_, i) => `CYP P${i + 1}`));
      const firstPages = [...starts.values()];
      expect(firstPages).toEqual([...firstPages].sort((a, b) => a - b));
      expect(new Set(firstPages).size).toBe(12);
      expect(text(pdf, starts.get('CYP P1')!)).toMatch(/P1\.1[\s\S]*✓ Green/);
      const pngs = toPngs(pdf, 'docx-page', 5);
      expect(pngs).toHaveLength(5);
      for (const png of pngs) expect(statSync(png).size).toBeGreaterThan(10_000);
    },
    240_000,
  );

  skipped(missing.libreOffice ?? missing.poppler, 'DOCX rendered by LibreOffice')(
    'shows a later quarter with its chart of two quarters, the declines and a rating changed after the board saw it',
    async () => {
      const seeded = (await t.request('GET', '/api/plans/halton/board?asOf=2025-09-30')).body.priorities.flatMap((p: any) => p.milestones);
      const next = ['green', 'amber', 'red', 'green', 'complete', 'amber'];
      t.setClock('2026-01-20T10:00:00.000Z');
      const q3 = await t.request('POST', '/api/plans/halton/quarterly-updates', {
        period: '2025-26 Q3',
        updates: seeded.map((m: any, i: number) => ({
          milestoneId: m.milestoneId,
          rag: next[i % next.length],
          commentary: `Q3: ${m.milestoneId} reviewed at the January board.`,
          effectiveOn: '2025-12-31',
        })),
      });
      expect(q3.status).toBe(201);
      t.setClock('2026-01-22T10:00:00.000Z');
      expect((await t.request('POST', '/api/plans/halton/board-packs', { period: '2025-26 Q3', asOf: '2025-12-31' })).status).toBe(201);
      t.setClock('2026-02-03T10:00:00.000Z');
      const correction = await t.request('POST', '/api/plans/halton/milestones/P2.2/updates', {
        period: '2025-26 Q3',
        rag: 'red',
        commentary: 'Q3: restated after the board, two more children placed out of borough.',
        effectiveOn: '2025-12-31',
        reason: 'Figures restated by the performance team',
      });
      expect(correction.status).toBe(201);
      const docx = await download(t, `/api/plans/halton/reports/quarterly?period=2025-26%20Q3&asOf=2025-12-31&minPosition=${correction.body.position}&format=docx`);
      expect(docx.status).toBe(200);
      const pdf = convert(docx.bytes, 'halton-2025-26-Q3');
      const all = Array.from({ length: pages(pdf) }, (_, i) => text(pdf, i + 1));
      const body = all.slice(1);
      const declined = body.find((page) => page.includes('3. Milestones whose rating fell'))!;
      expect(declined).toMatch(/▼ Declined \(was ✓ Green\)/);
      const changed = body.find((page) => page.includes('4. Ratings changed after the board saw them'))!;
      expect(changed).toMatch(/P2\.2[\s\S]*pack 2025-26-Q3-1/);
      // The chart is a picture; what it shows is in its alternative text.
      expect(zipEntry(docx.bytes, 'word/document.xml')).toMatch(/descr="2025-26 Q2: 13 green, 19 amber, [^"]*; 2025-26 Q3: /);
      toPngs(pdf, 'docx-q3-page', 4);
    },
    240_000,
  );

  skipped(missing.chromium ?? missing.poppler, 'HTML printed by Chromium')(
    'prints the HTML on A4 with each priority on a page of its own, in Chromium',
    async () => {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
        await page.setExtraHTTPHeaders({ authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
        const res = await page.goto(`${t.baseUrl}${reportPath({ asOf: '2025-09-30', knownAt: '2025-11-01T00:00:00Z', format: 'html' })}`);
        expect(res?.status()).toBe(200);
        // Its own policy lets its stylesheet apply and nothing else: the page is styled, and no violation is reported.
        expect(res?.headers()['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
        expect(await page.$eval('th', (th) => (globalThis as any).getComputedStyle(th).backgroundColor)).toBe('rgb(222, 224, 226)');
        await page.emulateMedia({ media: 'print' });
        await page.screenshot({ path: join(outDir, 'html-print-media.png'), fullPage: false });
        const pdf = join(outDir, 'halton-2025-26-Q2-html.pdf');
        await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
        expect(text(pdf, 1)).toContain('Quarterly monitoring report');
        expect(text(pdf, 2)).toContain('1. Summary of progress');
        const starts = priorityPages(pdf);
        expect([...starts.keys()]).toEqual(Array.from({ length: 12 }, (_, i) => `CYP P${i + 1}`));
        expect(new Set(starts.values()).size).toBe(12);
        // The chart is drawn in the page, as SVG: its legend prints as text.
        expect(text(pdf, 2)).toMatch(/✓ Green[\s\S]*U Amber[\s\S]*× Red/);
        const pngs = toPngs(pdf, 'html-page', 4);
        expect(pngs).toHaveLength(4);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
