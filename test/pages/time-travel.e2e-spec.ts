import type { Browser, Page } from 'playwright-core';
import { httpWriter } from '../projections/support/http-writer';
import { RATINGS, recordRatingsWithBackdatedCorrection } from '../projections/support/scenarios';
import {
  axeViolations,
  describeInBrowser,
  launchBrowser,
  mainText,
  screenshot,
  serious,
  signedIn,
  tokenFor,
  go,
} from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

/** Written scenario 1 (ratings in two quarters, then a backdated correction of the first), as an auditor sees it. */
describeInBrowser('an auditor looks at the plan as of a date and as known at a time', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const { planId } = RATINGS;
  const row = (milestoneId: string) => page.locator(`#milestone-${milestoneId.replace('.', '\\.')}`);
  const rowText = async (milestoneId: string) => (await row(milestoneId).innerText()).replace(/\s+/g, ' ');

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    await recordRatingsWithBackdatedCorrection(httpWriter(t));
    page = await signedIn(browser, t, await tokenFor(t, 'Ann Auditor', 'auditor', [planId]));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows today’s board with each rating as symbol, colour and word, and its direction of travel', async () => {
    await page.goto(`${t.baseUrl}/plans/${planId}`);
    expect(await page.title()).toBe('Testshire County Council: the board – Improvement plan tracker');
    expect(await rowText('P1.1')).toContain('Amber 2025-26 Q2 ↑ Improved from Red in 2025-26 Q1');
    expect(await row('P1.1').locator('.govuk-tag--orange .app-rag__symbol').textContent()).toBe('U');
    expect(await rowText('P1.2')).toContain('Green 2025-26 Q2');
    expect(await rowText('P2.1')).toContain('Not rated');
    // No forms for an auditor, and no banner: this is now.
    expect(await page.locator('text=Record this quarter’s update').count()).toBe(0);
    expect(await page.locator('#moment-banner').count()).toBe(0);
    expect(serious(await axeViolations(page))).toEqual([]);
    await screenshot(page, 'plan-board-testshire');
  });

  it('sets "as of" to an earlier date and sees the earlier rating, marked as changed after it was reported', async () => {
    await page.goto(`${t.baseUrl}/plans/${planId}`);
    await page.click('text=Look at another moment');
    await page.fill('#asOf', '2025-08-15');
    await go(page, 'button:has-text("Show this moment")');
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2025-08-15');
    expect(await page.textContent('#moment-banner')).toContain(
      'You are looking at the plan as it stood on 15 August 2025, from everything recorded since.',
    );
    const p11 = await rowText('P1.1');
    expect(p11).toContain('Red 2025-26 Q1');
    expect(p11).toContain('Changed after reporting');
    expect(p11).toContain(
      'First reported as Green on 20 July 2025 at 11:00am. Changed to Red on 5 November 2025 at 10:00am by Bootstrap administrator (administrator): “Internal audit found the Q1 evidence did not support green”.',
    );
    // Links keep the moment, so the view can be shared.
    expect(await row('P1.1').locator('a').first().getAttribute('href')).toBe(`/plans/${planId}/milestones/P1.1?asOf=2025-08-15`);
  });

  it('sets "known at" to before the correction and sees the rating as first reported', async () => {
    await page.fill('#asOf', '2025-08-15');
    await page.fill('#knownAt', '2025-11-01 00:00');
    await go(page, 'button:has-text("Show this moment")');
    expect(await page.textContent('#moment-banner')).toContain(
      'as it stood on 15 August 2025, from what had been recorded by 1 November 2025 at 12:00am (UK time).',
    );
    const p11 = await rowText('P1.1');
    expect(p11).toContain('Green 2025-26 Q1');
    expect(p11).not.toContain('Changed after reporting');
    await go(page, '#moment-banner >> text=Back to today');
    expect(new URL(page.url()).search).toBe('');
    expect(await rowText('P1.1')).toContain('Amber 2025-26 Q2');
  });

  it('filters the board by rating and priority, and shows what declined since last quarter', async () => {
    await page.goto(`${t.baseUrl}/plans/${planId}?asOf=2025-10-15&knownAt=2025-11-01T00:00:00Z`);
    expect(await mainText(page)).toContain('3 milestones: 1 declined since last quarter.');
    await go(page, 'text=1 declined since last quarter');
    expect(await page.locator('.app-board tbody tr').count()).toBe(1);
    expect(await rowText('P1.1')).toContain('↓ Declined from Green in 2025-26 Q1');
    expect(new URL(page.url()).searchParams.get('knownAt')).toBe('2025-11-01T00:00:00Z');

    await page.goto(`${t.baseUrl}/plans/${planId}`);
    await page.selectOption('#rag', 'green');
    await go(page, 'button:has-text("Filter")');
    expect(await page.locator('.app-board tbody tr').count()).toBe(1);
    expect(await mainText(page)).toContain('Showing 1 of 3 milestones.');
    await page.selectOption('#rag', '');
    await page.selectOption('#priority', 'CYP P2');
    await go(page, 'button:has-text("Filter")');
    expect(await page.locator('.app-board tbody tr th a').allTextContents()).toEqual(['P2.1']);
  });

  it('shows ratings quarter by quarter as a chart with a text alternative, and as a table of the same figures', async () => {
    await page.goto(`${t.baseUrl}/plans/${planId}?asOf=2025-10-15`);
    const chart = page.locator('svg.app-chart');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.locator('desc').textContent()).toBe(
      'Milestones by rating for each quarter from 2025-26 Q1 to 2025-26 Q2. In 2025-26 Q2: 1 green, 1 amber, 0 red, 0 complete, 1 not rated. The table after the chart gives every figure.',
    );
    const figures = await page.locator('table:has(caption:has-text("each quarter")) tbody tr').allInnerTexts();
    expect(figures.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['2025-26 Q1 0 1 1 0 1', '2025-26 Q2 1 1 0 0 1']);
  });

  it('names a date it cannot read, with the GOV.UK error pattern', async () => {
    const res = await page.goto(`${t.baseUrl}/plans/${planId}?asOf=2025-02-30`);
    expect(res!.status()).toBe(400);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.textContent('.govuk-error-summary')).toContain('Enter the “as of” date as a real date');
    expect(await page.inputValue('#asOf')).toBe('2025-02-30');
    expect(serious(await axeViolations(page))).toEqual([]);
  });
});
