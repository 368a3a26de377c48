import type { Browser, Page } from 'playwright-core';
import { httpWriter } from '../projections/support/http-writer';
import { read } from '../projections/support/read';
import { LIFE, RATINGS, recordRatingsWithBackdatedCorrection, recordRecommendationLife } from '../projections/support/scenarios';
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
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** A board member's quarter: written scenario 1's plan (Q1 and Q2 rated), now rated for Q3 and Q4 through the pages. */
describeInBrowser('a board member records the quarter’s update', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const { planId } = RATINGS;
  const form = (period: string, priority = 'CYP P1') =>
    `${t.baseUrl}/plans/${planId}/quarterly-update?period=${encodeURIComponent(period)}&priority=${encodeURIComponent(priority)}`;
  const row = (id: string) => page.locator(`#milestone-${id.replace('.', '\\.')}`);
  const eventCount = async () => (await read(t, `/api/plans/${planId}/audit`)).length;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    await recordRatingsWithBackdatedCorrection(httpWriter(t));
    await recordRecommendationLife(httpWriter(t));
    page = await signedIn(browser, t, await tokenFor(t, 'Bea Board', 'board-member', [planId, LIFE.planId]));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('rates a priority’s milestones in one form, pre-filled with last quarter, and sees them on the board', async () => {
    await page.goto(`${t.baseUrl}/plans/${planId}`);
    await go(page, 'text=Record the quarter’s update for CYP P1');
    expect(new URL(page.url()).searchParams.get('priority')).toBe('CYP P1');
    await page.goto(form('2025-26 Q3'));
    expect(await page.textContent('h1')).toBe('Quarterly update for 2025-26 Q3');
    // Pre-filled with Q2: P1.1 amber, P1.2 green, with their commentary.
    expect(await page.isChecked('#rag-0-2')).toBe(true);
    expect(await page.inputValue('#commentary-0')).toBe('Q2: 81% within 45 days');
    expect(await page.isChecked('#rag-1')).toBe(true);
    expect(serious(await axeViolations(page))).toEqual([]);

    await page.check('#rag-0');
    await page.fill('#commentary-0', 'Q3: 90% within 45 days');
    await page.selectOption('#forecastRag-0', 'green');
    await page.fill('#commentary-1', 'Q3: all five hubs open, footfall up');
    await go(page, 'button:has-text("Record the updates for 2025-26 Q3")');

    expect(new URL(page.url()).pathname).toBe(`/plans/${planId}`);
    expect(await page.textContent('.govuk-notification-banner--success')).toContain('2 milestones of CYP P1 rated: P1.1, P1.2.');
    const p11 = (await row('P1.1').innerText()).replace(/\s+/g, ' ');
    expect(p11).toContain('Green 2025-26 Q3 ↑ Improved from Amber in 2025-26 Q2 Forecast: Green');
    expect(p11).toContain('Q3: 90% within 45 days');
    expect((await row('P1.2').innerText()).replace(/\s+/g, ' ')).toContain('Green 2025-26 Q3 → Unchanged since 2025-26 Q2');
    const history = await read(t, `/api/plans/${planId}/milestones/P1.1/history`);
    expect(history.updates.at(-1)).toMatchObject({
      period: '2025-26 Q3',
      rag: 'green',
      actor: { name: 'Bea Board', role: 'board-member' },
    });
  });

  it('keeps what was typed when a row is refused, shows GOV.UK errors on each row, and records nothing', async () => {
    const before = await eventCount();
    await page.goto(form('2025-26 Q4'));
    await page.check('#rag-0-4'); // Complete …
    await page.selectOption('#forecastRag-0', 'green'); // … with a forecast: the plan's rules refuse it
    await page.fill('#commentary-0', 'Delivered: the 45-day target is met every week');
    // A rating the form does not offer, as a tampered or stale page would send.
    await page.evaluate(`document.querySelector('#rag-1').value = 'purple'; document.querySelector('#rag-1').checked = true`);
    await page.fill('#commentary-1', 'Typed and must not be lost');
    await go(page, 'button:has-text("Record the updates for 2025-26 Q4")');

    expect(await page.title()).toMatch(/^Error: Quarterly update/);
    const summary = await page.locator('.govuk-error-summary li').allInnerTexts();
    expect(summary).toEqual(['Select a rating for P1.2']);
    expect(await page.getAttribute('.govuk-error-summary a', 'href')).toBe('#rag-1');
    expect(await page.textContent('#rag-1-error')).toContain('Select a rating for P1.2');
    expect(await page.inputValue('#commentary-1')).toBe('Typed and must not be lost');
    expect(await page.inputValue('#commentary-0')).toBe('Delivered: the 45-day target is met every week');
    await screenshot(page, 'quarterly-update-with-errors');

    // With the rating chosen again, the plan's rule on the other row speaks: still all or nothing.
    await page.check('#rag-1-2');
    await go(page, 'button:has-text("Record the updates for 2025-26 Q4")');
    expect(await page.locator('.govuk-error-summary li').allInnerTexts()).toEqual([
      'Milestone P1.1 is rated complete, so it needs no forecast; leave the forecast out.',
    ]);
    expect(await page.inputValue('#commentary-1')).toBe('Typed and must not be lost');
    expect(await page.isChecked('#rag-1-2')).toBe(true);
    expect(serious(await axeViolations(page))).toEqual([]);
    expect(await eventCount()).toBe(before);
  });

  it('overwrites nothing someone else changed meanwhile: shows their change, keeps the typing, records on confirmation', async () => {
    await page.goto(form('2025-26 Q4'));
    await page.fill('#commentary-1', 'Q4: hubs open on Saturdays too');
    // Someone else rates P1.2 for Q4 after the form was loaded.
    const other = await tokenFor(t, 'Olu Other', 'board-member', [planId]);
    const theirs = {
      period: '2025-26 Q4',
      rag: 'amber',
      commentary: 'Q4: one hub closed for repairs',
      effectiveOn: '2026-03-31',
    };
    expect((await t.request('POST', `/api/plans/${planId}/milestones/P1.2/updates`, theirs, bearer(other))).status).toBe(201);

    await go(page, 'button:has-text("Record the updates for 2025-26 Q4")');
    expect(await page.textContent('#conflict-banner')).toContain(
      'Someone else changed 1 milestone on this form since you opened it.',
    );
    const warning = await page.textContent('#row-1 .app-conflict');
    expect(warning).toContain('P1.2 was rated Amber for 2025-26 Q4');
    expect(warning).toContain('Olu Other (board member): “Q4: one hub closed for repairs”');
    expect(await page.inputValue('#commentary-1')).toBe('Q4: hubs open on Saturdays too');
    expect((await read(t, `/api/plans/${planId}/milestones/P1.2/history`)).updates.at(-1).commentary).toBe(
      'Q4: one hub closed for repairs',
    );

    // Confirming is sending again; over their rating it is a correction, so it asks why.
    await go(page, 'button:has-text("Record the updates for 2025-26 Q4")');
    expect(await page.textContent('.govuk-error-summary')).toContain('changing it is a correction and needs a reason');
    await page.fill('#reason-1', 'The hub reopened before the end of the quarter');
    await go(page, 'button:has-text("Record the updates for 2025-26 Q4")');
    expect(await page.textContent('.govuk-notification-banner--success')).toContain('P1.1, P1.2');
    const last = (await read(t, `/api/plans/${planId}/milestones/P1.2/history`)).updates.at(-1);
    expect(last).toMatchObject({
      commentary: 'Q4: hubs open on Saturdays too',
      reason: 'The hub reopened before the end of the quarter',
    });
  });

  it('works without JavaScript', async () => {
    const plain = await signedIn(browser, t, await tokenFor(t, 'Noah Script', 'board-member', [planId]), { javaScript: false });
    await plain.goto(form('2026-27 Q1', 'CYP P2'));
    await plain.check('#rag-0-3');
    await plain.fill('#commentary-0', 'Q1: placement moves up again');
    await go(plain, 'button:has-text("Record the updates for 2026-27 Q1")');
    expect(await mainText(plain)).toContain('1 milestone of CYP P2 rated: P2.1.');
    await plain.context().close();
  });

  it('corrects one milestone’s rating on its page, giving the reason, and sees the correction marked', async () => {
    await page.goto(`${t.baseUrl}/plans/${planId}/milestones/P1.2`);
    expect(await page.textContent('h1')).toBe('P1.2: Family hubs open in every locality');
    await page.selectOption('#period', '2025-26 Q2');
    await page.check('#rag-2');
    await page.fill('#commentary', 'Q2: four of five hubs open; one opened late');
    await go(page, 'button:has-text("Record the rating")');
    // A second rating for the quarter is a correction: the page asks why, keeping what was typed.
    expect(await page.textContent('.govuk-error-summary')).toContain('changing it is a correction and needs a reason');
    expect(await page.inputValue('#commentary')).toBe('Q2: four of five hubs open; one opened late');
    await page.fill('#reason', 'The fifth hub opened on 3 October, after the quarter');
    await go(page, 'button:has-text("Record the rating")');
    expect(await page.textContent('.govuk-notification-banner--success')).toContain('P1.2 rated Amber for 2025-26 Q2');
    const rows = await page.locator('table:has(caption:has-text("Every rating reported")) tbody tr').allInnerTexts();
    const q2 = rows.map((r) => r.replace(/\s+/g, ' ')).filter((r) => r.startsWith('2025-26 Q2'));
    expect(q2).toHaveLength(2);
    expect(q2[0]).toContain(
      'Changed after reporting Changed from Green, reported 20 October 2025 at 11:00am by Bootstrap administrator (administrator). ' +
        'Why: The fifth hub opened on 3 October, after the quarter',
    );
    expect(q2[1]).toContain('Replaced by a later report');
    expect(serious(await axeViolations(page))).toEqual([]);
    await screenshot(page, 'milestone');
  });

  it('closes a recommendation on evidence, and reopens it', async () => {
    const rec = `${t.baseUrl}/plans/${LIFE.planId}/recommendations/R02`;
    await page.goto(rec);
    await go(page, 'button:has-text("Close the recommendation")');
    expect(await page.locator('.govuk-error-summary li').allInnerTexts()).toEqual([
      'Enter the reason (5,000 characters or fewer)',
      'List the evidence, one piece a line (at least one)',
    ]);
    await page.fill('#reason', 'Pathway plans now good in 80% of audited cases');
    await page.fill('#evidence', 'Casefile audit, Q1 2025-26\nMonitoring visit letter, April 2025');
    await page.fill('#effectiveOn', '2025-07-31');
    await go(page, 'button:has-text("Close the recommendation")');
    expect(await page.textContent('.govuk-notification-banner--success')).toContain('R02 closed');
    const text = await mainText(page);
    expect(text).toContain('Closed 31 July 2025');
    expect(text).toContain('Evidence: Casefile audit, Q1 2025-26; Monitoring visit letter, April 2025.');
    await page.fill('#reason', 'The next visit found pathway plans still too variable');
    await page.fill('#effectiveOn', '2025-11-30');
    await go(page, 'button:has-text("Reopen the recommendation")');
    expect(await page.textContent('.govuk-notification-banner--success')).toContain('R02 reopened');
    expect(await page.locator('main .govuk-tag--blue').first().innerText()).toBe('Open');
  });
});
