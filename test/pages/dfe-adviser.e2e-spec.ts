import type { Browser, Page } from 'playwright-core';
import { httpWriter } from '../projections/support/http-writer';
import { read } from '../projections/support/read';
import { LIFE, recordRecommendationLife } from '../projections/support/scenarios';
import { axeViolations, describeInBrowser, launchBrowser, mainText, serious, signedIn, tokenFor } from '../support/browser';
import { recordSmallPlan } from '../support/plan-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/** A DfE adviser overseeing Riverside (written scenario 2) but not Halton: projections only, no forms, no audit trail. */
describeInBrowser('a DfE adviser sees only their plans, with no forms and no audit trail', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const { planId } = LIFE;
  const navTexts = async () => (await page.locator('.govuk-service-navigation__link').allInnerTexts()).map((s) => s.trim());

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    await recordRecommendationLife(httpWriter(t));
    await recordSmallPlan(t, 'halton');
    page = await signedIn(browser, t, await tokenFor(t, 'Dana DfE', 'dfe-adviser', [planId]));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists only the plans they oversee', async () => {
    const plans = await page.locator('.app-portfolio tbody th a').allInnerTexts();
    expect(plans).toEqual(['Riverside Borough Council']);
    expect(await mainText(page)).not.toContain('Halton');
    const refused = await page.goto(`${t.baseUrl}/plans/halton`);
    expect(refused!.status()).toBe(403);
    const text = await mainText(page);
    expect(text).toContain('You have no access to plan "halton".');
    expect(text).toContain('As a DfE adviser, you can:');
    expect(text).toContain('not read the audit trail or change anything');
  });

  it('reads the board, milestones, recommendations, visits, indicators and reports, with no form anywhere', async () => {
    await page.goto(`${t.baseUrl}/plans/${planId}`);
    expect(await navTexts()).toEqual(['All plans', 'Board', 'Recommendations', 'Visits', 'Indicators', 'Reports']);
    for (const path of ['', '/milestones/P1.1', '/recommendations', '/recommendations/R01', '/visits', '/indicators', '/reports']) {
      const res = await page.goto(`${t.baseUrl}/plans/${planId}${path}`);
      expect([path, res!.status()]).toEqual([path, 200]);
      // The only forms: the moment shown (a GET), filters (GETs) and signing out.
      const posts = await page.locator('main form[method="post"]').count();
      expect([path, posts]).toEqual([path, 0]);
    }
    await page.goto(`${t.baseUrl}/plans/${planId}/recommendations/R01`);
    expect(await mainText(page)).toContain('Closed');
    // Who recorded what is audit information: an adviser sees the role, not the person.
    expect(await mainText(page)).toContain('by an administrator');
    expect(await mainText(page)).not.toContain('Bootstrap administrator');
    expect(serious(await axeViolations(page))).toEqual([]);
  });

  it('sees who rated a milestone by role and organisation, never by name, as the API shows it', async () => {
    const board = await t.request('POST', '/api/tokens', {
      name: 'Jane Smith (board chair)',
      organisation: 'Riverside Borough Council',
      role: 'board-member',
      plans: [planId],
    });
    const q = { period: '2025-26 Q1', commentary: 'Strategy meetings within 3 days: 88%', effectiveOn: '2025-06-30' };
    const headers = { authorization: `Bearer ${board.body.token}` };
    await t.request('POST', `/api/plans/${planId}/milestones/P1.2/updates`, { ...q, rag: 'green' }, headers);
    const corrected = await t.request(
      'POST',
      `/api/plans/${planId}/milestones/P1.2/updates`,
      { ...q, rag: 'amber', reason: 'Two meetings were late' },
      headers,
    );
    await read(t, `/api/plans/${planId}/milestones/P1.2/history`, { minPosition: corrected.body.position });
    const ok = await page.goto(`${t.baseUrl}/plans/${planId}/milestones/P1.2`);
    expect(ok!.status()).toBe(200);
    const text = await mainText(page);
    expect(text).toContain('by a board member of Riverside Borough Council');
    expect(text).toContain('Changed after reporting');
    expect(text).toContain('Changed from Green');
    expect(text).not.toContain('Jane Smith');
    await page.goto(`${t.baseUrl}/plans/${planId}`);
    expect(await mainText(page)).not.toContain('Jane Smith');
  });

  it('is refused the audit trail and the quarterly update, with what the role may do', async () => {
    for (const path of ['/audit', '/quarterly-update']) {
      const res = await page.goto(`${t.baseUrl}/plans/${planId}${path}`);
      expect(res!.status()).toBe(403);
      expect(await page.textContent('h1')).toBe('You cannot see this page');
    }
    expect(await mainText(page)).toContain('The dfe-adviser role does not allow changing plans.');
    // A form posted anyway, with a valid CSRF token of the session, is refused and records nothing.
    await page.goto(`${t.baseUrl}/plans/${planId}`);
    const csrf = await page.inputValue('input[name="_csrf"]');
    const before = (await t.request('GET', `/api/plans/${planId}/audit`)).body.length;
    const res = await page.request.post(`${t.baseUrl}/plans/${planId}/milestones/P1.1`, {
      form: { _csrf: csrf, period: '2025-26 Q3', rag: 'red', commentary: 'Not mine to say' },
    });
    expect(res.status()).toBe(403);
    expect((await t.request('GET', `/api/plans/${planId}/audit`)).body.length).toBe(before);
  });
});
