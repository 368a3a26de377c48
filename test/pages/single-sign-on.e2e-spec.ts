import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { freePort } from '../../src/bench/measure';
import { describeInBrowser, launchBrowser, mainText, go } from '../support/browser';
import { recordSmallPlan } from '../support/plan-fixture';
import { startTestApp, TestApp } from '../support/test-app';

const CLIENT_ID = 'improvement-plan-tracker';
const ACCOUNTS = {
  'priya.shah': { name: 'Priya Shah', roles: ['board-member'], plans: ['halton'] },
  'no.role': { name: 'Noel Role', roles: ['Tracker.Reader'], plans: ['halton'] },
};

/** oidc-provider on 127.0.0.1 in a process of its own (it is an ES module); resolves once it listens. */
async function startProvider(port: number, redirectUri: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [join(__dirname, '..', 'support', 'oidc-provider.mjs'), String(port), redirectUri, JSON.stringify(ACCOUNTS)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  await new Promise<void>((ready, failed) => {
    child.stdout!.on('data', (chunk) => String(chunk).includes('ready') && ready());
    child.on('exit', (code) => failed(new Error(`the OpenID provider stopped (${code}): ${stderr}`)));
  });
  return child;
}

describeInBrowser('signing in with the organisation’s account (OpenID Connect, authorization code with PKCE)', () => {
  let t: TestApp;
  let browser: Browser;
  let provider: ChildProcess;

  beforeAll(async () => {
    const [appPort, idpPort] = [await freePort(), await freePort()];
    const publicUrl = `http://127.0.0.1:${appPort}`;
    const issuer = `http://127.0.0.1:${idpPort}`;
    [provider, browser] = await Promise.all([startProvider(idpPort, `${publicUrl}/sign-in/callback`), launchBrowser()]);
    t = await startTestApp({
      PORT: String(appPort),
      PUBLIC_URL: publicUrl,
      OIDC_ISSUER: issuer,
      OIDC_AUDIENCE: CLIENT_ID,
      OIDC_JWKS_URL: `${issuer}/jwks`,
      OIDC_CLIENT_ID: CLIENT_ID,
    });
    await recordSmallPlan(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    provider?.kill();
  });

  /** Through the provider's own sign-in and consent forms, as the person would. */
  async function signInAs(login: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${t.baseUrl}/plans/halton?asOf=2025-09-30`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await go(page, 'text=Sign in with your organisation');
    expect(page.url()).toContain('/interaction/');
    await page.fill('input[name="login"]', login);
    await page.fill('input[name="password"]', 'any password');
    await go(page, 'button[type="submit"]');
    await go(page, 'button:has-text("Continue")');
    await page.waitForURL((url) => url.origin === t.baseUrl);
    return page;
  }

  it('signs a person in with the role and plans their organisation gives them, and takes them back', async () => {
    const page = await signInAs('priya.shah');
    expect(page.url()).toBe(`${t.baseUrl}/plans/halton?asOf=2025-09-30`);
    expect(await page.textContent('.app-user__name')).toBe('Priya Shah');
    expect(await page.textContent('.app-user__role')).toBe('Board member');
    await page.goto(`${t.baseUrl}/`);
    expect(await mainText(page)).toContain('Halton Borough Council');
    const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'tracker-session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await page.context().close();
  });

  it('does not sign in a person their organisation gives no role in this service', async () => {
    const page = await signInAs('no.role');
    expect(new URL(page.url()).pathname).toBe('/sign-in/callback');
    expect(await page.textContent('.govuk-error-summary')).toContain('your account has no role in this service');
    await page.goto(`${t.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.context().close();
  });
});
