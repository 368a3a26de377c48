import type { Browser, Page } from 'playwright-core';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations, describeInBrowser, go, launchBrowser, mainText, screenshot, serious, signedIn, tokenFor } from '../support/browser';
import { TestApp } from '../support/test-app';
import { sha256 } from '../reports/support/documents';
import { correctP22, download, reportPath, startHalton } from '../reports/support/halton';
import { fillIn } from '../reports/support/returns';

const Q2 = '2025-26 Q2';

/** A board member's quarter on the web: the report, the pack sent to the board, and the owners' return. */
describeInBrowser('the quarterly report, board packs and returns on the plan’s pages', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const reports = (period = Q2) => `${t.baseUrl}/plans/halton/reports?period=${encodeURIComponent(period)}`;
  const fetchInSession = async (href: string) => {
    const res = await page.request.get(new URL(href, t.baseUrl).toString());
    return { status: res.status(), headers: res.headers(), bytes: Buffer.from(await res.body()) };
  };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startHalton(), launchBrowser()]);
    t.setClock('2025-10-22T14:00:00.000Z');
    page = await signedIn(browser, t, await tokenFor(t, 'Bea Board', 'board-member', ['halton']));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the quarter’s report with the head of the log it reflects, and its files are the API’s, byte for byte', async () => {
    await page.goto(`${t.baseUrl}/plans/halton`);
    await go(page, 'text=Quarterly report and board packs');
    await page.goto(reports());
    expect(await page.textContent('h1')).toBe(`Quarterly report ${Q2}`);
    expect(await page.inputValue('#period')).toBe(Q2);
    const api = await download(t, reportPath({ format: 'docx' }));
    const [position, hash] = [api.headers.get('x-last-position')!, api.headers.get('x-last-hash')!];
    const moment = (await page.innerText('#report-moment')).replace(/\s+/g, ' ');
    expect(moment).toContain(`Head of the log it reflects Position ${position} chain link ${hash}`);
    expect(moment).toContain('30 September 2025');

    const links = await page.$$eval('#report-files a', (as) => as.map((a) => a.getAttribute('href')!));
    expect(links).toHaveLength(4);
    const docx = await fetchInSession(links[0]!);
    expect({ status: docx.status, sha256: sha256(docx.bytes) }).toEqual({ status: 200, sha256: sha256(api.bytes) });
    expect(docx.headers['content-disposition']).toMatch(/^attachment; filename="halton-quarterly-report-2025-26-Q2-as-of-2025-09-30/);
    const html = await fetchInSession(links[3]!);
    expect(html.bytes.toString('utf8')).toContain(`chain link (SHA-256) ${hash}`);
    expect(serious(await axeViolations(page))).toEqual([]);
    await screenshot(page, 'reports-page');
  });

  it('marks the report as sent to the board with one button, lists the pack and gives its files again', async () => {
    await page.goto(reports());
    const sent = Object.fromEntries(
      await page.$$eval('#issue ~ .govuk-form-group input[type=hidden], .govuk-form-group form input[type=hidden]', (inputs) =>
        inputs.map((i) => [i.getAttribute('name')!, i.getAttribute('value')!]),
      ),
    );
    expect(Object.keys(sent).sort()).toEqual(['_csrf', 'asOf', 'knownAt', 'period']);
    await go(page, '#mark-sent');
    expect(new URL(page.url()).pathname).toBe('/plans/halton/reports');
    expect(await page.textContent('.govuk-notification-banner--success')).toContain('Board pack 2025-26-Q2-1 recorded as sent to the board');
    const [pack] = (await t.request('GET', '/api/plans/halton/board-packs')).body.packs;
    expect(pack).toMatchObject({ packId: '2025-26-Q2-1', asOf: '2025-09-30', actor: { name: 'Bea Board', role: 'board-member' } });
    const row = (await page.innerText('#board-packs tbody tr')).replace(/\s+/g, ' ');
    expect(row).toContain(`Position ${pack.lastPosition}; chain link ${pack.lastHash}`);
    const links = await page.$$eval('#board-packs tbody tr a', (as) => as.map((a) => a.getAttribute('href')!));
    for (const [i, format] of (['docx', 'xlsx', 'csv', 'html'] as const).entries()) {
      const file = await fetchInSession(links[i]!);
      expect({ format, sha256: sha256(file.bytes) }).toEqual({ format, sha256: pack.sha256[format] });
    }
    // The same form sent again (a second click, a resent page) is refused as a GOV.UK error, and records nothing.
    const before = await t.store.headPosition();
    const again = await page.request.post(`${t.baseUrl}/plans/halton/reports/board-packs`, { form: sent });
    expect(again.status()).toBe(409);
    expect(await again.text()).toMatch(/already issued to the board as 2025-26-Q2-1/);
    expect(await t.store.headPosition()).toBe(before);
  });

  it('marks a rating recorded after its quarter’s pack went to the board, on the plan and the milestone', async () => {
    await correctP22(t);
    await page.goto(`${t.baseUrl}/plans/halton?asOf=2025-09-30`);
    const marked = await page.$$eval('tr', (rows) =>
      rows.filter((r) => r.textContent?.includes('Changed after the board saw it')).map((r) => r.id),
    );
    expect(marked).toEqual(['milestone-P2.2']);
    expect(await mainText(page)).toContain('1 rating was recorded after its quarter’s pack went to the board.');
    await page.goto(`${t.baseUrl}/plans/halton/milestones/P2.2`);
    expect(await mainText(page)).toMatch(/Changed after the board saw it Recorded after board pack 2025-26-Q2-1 for 2025-26 Q2 was sent to the board on 22 October 2025/);
  });

  it('takes the owners’ return through the web form: two wrong rows as GOV.UK errors and nothing recorded, then the fixed file recorded', async () => {
    t.setClock('2026-01-15T10:00:00.000Z');
    await page.goto(reports('2025-26 Q3'));
    const templateHref = await page.getAttribute('a:has-text("Download the 2025-26 Q3 return template")', 'href');
    const template = await fetchInSession(templateHref!);
    expect(template.status).toBe(200);
    const folder = mkdtempSync(join(tmpdir(), 'return-'));
    const upload = async (name: string, bytes: Buffer) => {
      writeFileSync(join(folder, name), bytes);
      await page.goto(reports('2025-26 Q3'));
      await page.setInputFiles('#file', join(folder, name));
      await go(page, '#upload-return');
    };

    const before = await t.store.headPosition();
    await upload(
      'wrong.xlsx',
      await fillIn(template.bytes, (id) => (id === 'P1.1' ? ['Purple', 'Typo'] : id === 'P2.1' ? ['Green', ''] : id === 'P3.1' ? ['Amber', 'Fine'] : undefined)),
    );
    const summary = (await page.innerText('.govuk-error-summary')).replace(/\s+/g, ' ');
    expect(summary).toMatch(/Row \d+, Rating: "Purple" is not a rating/);
    expect(summary).toMatch(/Row \d+, Commentary:/);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.textContent('#file-error')).toContain('2 rows need correcting: nothing was recorded');
    expect(await t.store.headPosition()).toBe(before);

    await upload('q3.xlsx', await fillIn(template.bytes, (id) => (id === 'P1.1' ? ['Green', 'Q3: on track'] : id === 'P3.1' ? ['u', 'Q3: too early to say'] : undefined)));
    expect(new URL(page.url()).pathname).toBe('/plans/halton');
    expect(await page.textContent('.govuk-notification-banner--success')).toContain('2 milestones rated from q3.xlsx: P1.1, P3.1.');
    const audit = await t.request('GET', '/api/plans/halton/audit?type=MilestoneUpdated');
    const last = audit.body.at(-1);
    expect(last).toMatchObject({ actor: { name: 'Bea Board' }, source: { file: 'q3.xlsx' } });
  }, 120_000);

  it('refuses a file that is not a return with an error on the file field, and a form without its security token', async () => {
    await page.goto(reports('2025-26 Q3'));
    const folder = mkdtempSync(join(tmpdir(), 'return-'));
    writeFileSync(join(folder, 'notes.xlsx'), 'just some text');
    await page.setInputFiles('#file', join(folder, 'notes.xlsx'));
    await go(page, '#upload-return');
    expect(await page.textContent('#file-error')).toMatch(/not/i);
    await page.evaluate(`document.querySelector('form[enctype="multipart/form-data"] input[name=_csrf]').value = 'forged'`);
    await page.setInputFiles('#file', join(folder, 'notes.xlsx'));
    await go(page, '#upload-return');
    expect(await page.textContent('h1')).toBe('This form has expired');
  });
});
