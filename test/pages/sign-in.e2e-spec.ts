import type { Browser, Page } from 'playwright-core';
import { axeViolations, describeInBrowser, launchBrowser, mainText, serious, signedIn, tokenFor, go } from '../support/browser';
import { recordSmallPlan } from '../support/plan-fixture';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

describeInBrowser('signing in and out of the web pages', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    await recordSmallPlan(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const freshPage = async (): Promise<Page> => (await browser.newContext()).newPage();

  it('sends a visitor who is not signed in to the sign-in page, and back to where they were going', async () => {
    const page = await freshPage();
    await page.goto(`${t.baseUrl}/tokens`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.title()).toBe('Sign in – Improvement plan tracker');
    expect(await page.getAttribute('label[for="token"]', 'class')).toContain('govuk-label');
    expect(serious(await axeViolations(page))).toEqual([]);

    await page.fill('#token', TEST_ADMIN_TOKEN);
    await go(page, 'button:has-text("Sign in")');
    expect(new URL(page.url()).pathname).toBe('/tokens');
    expect(await page.textContent('h1')).toBe('Access tokens');
    expect(await mainText(page)).toContain('Issue a token');
    await page.context().close();
  });

  it('refuses a wrong token with a GOV.UK error, and keeps the session cookie sealed', async () => {
    const page = await freshPage();
    await page.goto(`${t.baseUrl}/sign-in`);
    await page.fill('#token', 'trk_0000000000000000_notarealtokennotarealtokennotarealtokennotar');
    await go(page, 'button:has-text("Sign in")');
    expect(await page.title()).toBe('Error: Sign in – Improvement plan tracker');
    expect(await page.textContent('.govuk-error-summary')).toContain('The access token is not valid');
    expect(await page.getAttribute('.govuk-error-summary a', 'href')).toBe('#token');
    expect(await page.textContent('#token-error')).toContain('The access token is not valid');

    const token = await tokenFor(t, 'Ann Auditor', 'auditor', ['halton']);
    await page.fill('#token', token);
    await go(page, 'button:has-text("Sign in")');
    expect(new URL(page.url()).pathname).toBe('/');
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: 'tracker-session', httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
    expect(cookie!.value).not.toContain(token);
    expect(cookie!.value).not.toContain(token.split('_').slice(2).join('_'));
    await page.context().close();
  });

  it('signs out: the session ends and the pages ask to sign in again', async () => {
    const page = await signedIn(browser, t, TEST_ADMIN_TOKEN);
    expect(await page.textContent('.app-user__name')).toBe('Bootstrap administrator');
    await go(page, 'button:has-text("Sign out")');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await mainText(page)).toContain('You have signed out.');
    await page.goto(`${t.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.context().close();
  });

  it('ends a session at its next page once its token is revoked', async () => {
    const token = await tokenFor(t, 'Rita Revoked', 'board-member', ['halton']);
    const page = await signedIn(browser, t, token);
    expect(await mainText(page)).toContain('Halton Borough Council');
    const tokenId = token.split('_')[1];
    expect((await t.request('DELETE', `/api/tokens/${tokenId}`)).status).toBe(204);

    await page.goto(`${t.baseUrl}/plans/halton?asOf=2025-09-30`);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/sign-in');
    expect(url.searchParams.get('returnTo')).toBe('/plans/halton?asOf=2025-09-30');
    expect(await mainText(page)).toContain('your access token has been revoked or has expired');
    await page.context().close();
  });

  it('refuses a form posted without its CSRF token, and records nothing', async () => {
    const page = await signedIn(browser, t, TEST_ADMIN_TOKEN);
    await page.goto(`${t.baseUrl}/tokens`);
    await page.fill('#name', 'Forged Request');
    await page.check('#role-3');
    await page.fill('#plans', 'halton');
    await page.evaluate('document.querySelectorAll(\'input[name="_csrf"]\').forEach((input) => input.remove())');
    await go(page, 'button:has-text("Issue token")');
    expect(await page.textContent('h1')).toBe('This form has expired');
    expect(await mainText(page)).toContain('Nothing was recorded');

    const forged = await page.request.post(`${t.baseUrl}/tokens`, {
      form: { name: 'Forged', role: 'admin', plans: '*', _csrf: 'not-the-token' },
    });
    expect(forged.status()).toBe(403);
    const tokens = (await t.request('GET', '/api/tokens')).body as Array<{ name: string }>;
    expect(tokens.map((x) => x.name)).not.toContain('Forged Request');
    expect(tokens.map((x) => x.name)).not.toContain('Forged');
    await page.context().close();
  });

  it('says what a role may do when it opens a page it may not, and answers unknown pages with a 404 page', async () => {
    const page = await signedIn(browser, t, await tokenFor(t, 'Ann Auditor', 'auditor', ['halton']));
    const refused = await page.goto(`${t.baseUrl}/tokens`);
    expect(refused!.status()).toBe(403);
    expect(await page.textContent('h1')).toBe('You cannot see this page');
    const text = await mainText(page);
    expect(text).toContain('The auditor role does not allow administration (tokens and new plans).');
    expect(text).toContain('As an auditor, you can:');
    expect(text).toContain('read the audit trail');
    expect(serious(await axeViolations(page))).toEqual([]);

    const missing = await page.goto(`${t.baseUrl}/no-such-page`);
    expect(missing!.status()).toBe(404);
    expect(await page.textContent('h1')).toBe('Page not found');
    expect(serious(await axeViolations(page))).toEqual([]);
    await page.context().close();
  });

  it('lets an administrator issue a token, shown once, and revoke it', async () => {
    const page = await signedIn(browser, t, TEST_ADMIN_TOKEN);
    await page.goto(`${t.baseUrl}/tokens`);
    await go(page, 'button:has-text("Issue token")');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.textContent('.govuk-error-summary')).toContain('Enter the name of the person the token is for');

    await page.fill('#name', 'Dev Adviser');
    await page.fill('#organisation', 'Department for Education');
    await page.check('#role-4');
    await page.fill('#plans', 'halton');
    await go(page, 'button:has-text("Issue token")');
    expect(await page.textContent('h1')).toContain('Token issued');
    const issued = await page.inputValue('#issued-token');
    expect(issued).toMatch(/^trk_[0-9a-f]{16}_/);
    expect((await t.request('GET', '/api/plans', undefined, { authorization: `Bearer ${issued}` })).status).toBe(200);
    expect(serious(await axeViolations(page))).toEqual([]);

    await page.goto(`${t.baseUrl}/tokens`);
    expect(await mainText(page)).not.toContain(issued);
    expect(await mainText(page)).toContain('Department for Education');
    await go(page, `button:has-text("Revoke Dev Adviser’s token")`);
    expect(await page.textContent('.govuk-notification-banner--success')).toContain('Token revoked');
    expect((await t.request('GET', '/api/plans', undefined, { authorization: `Bearer ${issued}` })).status).toBe(401);
    await page.context().close();
  });
});
