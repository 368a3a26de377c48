import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  AxeViolation,
  axeViolations,
  describeInBrowser,
  launchBrowser,
  mainText,
  screenshot,
  SCREENSHOTS,
  serious,
  signedIn,
  tokenFor,
  go,
} from '../support/browser';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

/** Every kind of page, on the Halton plan as seeded: the scan an accessibility audit would start with. */
const PAGES: Array<{ name: string; path: string; status?: number; shot?: string; as?: 'board-member' }> = [
  { name: 'portfolio', path: '/', shot: 'portfolio' },
  { name: 'plan board', path: '/plans/halton', shot: 'plan-board' },
  { name: 'plan board, filtered', path: '/plans/halton?rag=amber&priority=CYP+P2' },
  { name: 'plan board at another moment', path: '/plans/halton?asOf=2025-08-31', shot: 'plan-board-another-moment' },
  { name: 'plan not yet recorded at that moment', path: '/plans/halton?knownAt=2025-11-01+09:00', status: 404 },
  {
    name: 'quarterly update',
    path: '/plans/halton/quarterly-update?period=2025-26+Q3&priority=CYP+P2',
    shot: 'quarterly-update',
    as: 'board-member',
  },
  { name: 'milestone', path: '/plans/halton/milestones/P1.3', shot: 'milestone-halton' },
  { name: 'recommendations', path: '/plans/halton/recommendations', shot: 'recommendations' },
  { name: 'recommendation timeline', path: '/plans/halton/recommendations/R09', shot: 'recommendation-timeline' },
  { name: 'visits', path: '/plans/halton/visits', shot: 'visits' },
  { name: 'indicators', path: '/plans/halton/indicators', shot: 'indicators' },
  { name: 'audit trail', path: '/plans/halton/audit?type=MilestoneUpdated', shot: 'audit-trail' },
  { name: 'quarterly report', path: '/plans/halton/reports?period=2025-26+Q2', shot: 'quarterly-report', as: 'board-member' },
  { name: 'tokens', path: '/tokens', shot: 'tokens' },
  { name: '403', path: '/tokens', status: 403, as: 'board-member' },
  { name: '404', path: '/plans/halton/no-such-page', status: 404 },
  { name: '400, a date that is not one', path: '/plans/halton?asOf=2025-02-30', status: 400 },
];

describeInBrowser('every page type: accessibility (axe-core, WCAG 2.2 AA) and how it looks', () => {
  let t: TestApp;
  let browser: Browser;
  const pages: Record<string, Page> = {};
  const found: Record<string, AxeViolation[]> = {};

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp({ TRACKER_SEED: 'halton' }), launchBrowser()]);
    pages.admin = await signedIn(browser, t, TEST_ADMIN_TOKEN);
    pages['board-member'] = await signedIn(
      browser,
      t,
      await tokenFor(t, 'Cllr Jane Smith (board chair)', 'board-member', ['halton']),
    );
  }, 60_000);
  afterAll(async () => {
    // Every finding, serious or not, for people to read beside the screenshots.
    if (Object.keys(found).length > 0)
      writeFileSync(join(SCREENSHOTS, 'axe-findings.json'), `${JSON.stringify(found, null, 2)}\n`);
    await browser?.close();
    await t?.close();
  });

  it.each(PAGES)('$name ($path) has no serious or critical violation', async ({ name, path, status, shot, as }) => {
    const page = pages[as ?? 'admin']!;
    const res = await page.goto(`${t.baseUrl}${path}`);
    expect(res!.status()).toBe(status ?? 200);
    const violations = await axeViolations(page);
    found[name] = violations;
    expect(serious(violations)).toEqual([]);
    if (shot) await screenshot(page, shot);
  });

  it('the sign-in page and a quarterly update with errors pass too', async () => {
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${t.baseUrl}/sign-in`);
    expect(serious((found['sign-in'] = await axeViolations(visitor)))).toEqual([]);
    await screenshot(visitor, 'sign-in');
    await visitor.context().close();

    const page = pages['board-member']!;
    await page.goto(`${t.baseUrl}/plans/halton/quarterly-update?period=2025-26+Q3&priority=CYP+P2`);
    await page.fill('#commentary-0', '');
    await page.evaluate(`document.querySelectorAll('input[name="rag-1"]').forEach((r) => (r.checked = false))`);
    await page.fill('#commentary-1', 'Placements: two more children in family settings this quarter');
    await go(page, 'button:has-text("Record the updates for 2025-26 Q3")');
    expect(await mainText(page)).toContain('There is a problem');
    expect(serious((found['quarterly update with errors'] = await axeViolations(page)))).toEqual([]);
    await screenshot(page, 'quarterly-update-with-errors-halton');
  });

  it('says where each transcribed fact came from, and marks what was not read exactly as printed', async () => {
    const page = pages.admin!;
    await page.goto(`${t.baseUrl}/plans/halton`);
    // The seeded report's P3.3 commentary was joined across two rows by the text extraction, then repaired.
    expect(await page.locator('#milestone-P3\\.3 .govuk-tag--yellow').innerText()).toContain('Text repaired');
    expect(await page.locator('#milestone-P3\\.1 .govuk-tag--yellow').count()).toBe(0);
    await page.goto(`${t.baseUrl}/plans/halton/milestones/P3.3`);
    const text = await mainText(page);
    expect(text).toContain('Text repaired Extraction cut the commentary cell');
    expect(text).toContain("Source: Children's Services Directorate quarterly monitoring report, 2025-26 Q2");
  });

  it('the plan page’s top, as the README shows it', async () => {
    const page = pages.admin!;
    await page.goto(`${t.baseUrl}/plans/halton`);
    await page.screenshot({
      path: join(SCREENSHOTS, 'plan-page.png'),
      fullPage: true,
      clip: { x: 0, y: 0, width: 1280, height: 1450 },
    });
  });
});
