import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { root } from './build';
import { TestApp } from './test-app';

/** Debian's Chromium; the CI installs it (.ci/run), so there the browser tests never skip. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const browserAvailable = existsSync(CHROMIUM);

/** Screenshots of the main pages, for people to look at (not committed). */
export const SCREENSHOTS = join(root, 'test', 'pages', 'screenshots', 'latest');

/**
 * A describe block that needs a browser. Without Chromium it says so loudly and counts as skipped,
 * never as a pass.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (browserAvailable) {
    describe(name, body);
    return;
  }
  const reason = `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
  process.stderr.write(`\n*** SKIPPED: browser tests "${name}" — ${reason}. ***\n\n`);
  describe(name, () => {
    test.todo(`runs in a browser — skipped here: ${reason}`);
  });
}

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Issues a token for a role through the API (as the bootstrap admin) and returns it. */
export async function tokenFor(t: TestApp, name: string, role: string, plans: string[]): Promise<string> {
  const res = await t.request('POST', '/api/tokens', { name, role, plans });
  if (res.status !== 201) throw new Error(`issuing a token answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

/** A fresh browser context signed in with an access token through the sign-in page. */
export async function signedIn(
  browser: Browser,
  t: TestApp,
  token: string,
  options: { javaScript?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript ?? true,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(`${t.baseUrl}/sign-in`);
  await page.fill('#token', token);
  await go(page, 'button:has-text("Sign in")');
  return page;
}

/** Clicks a link or button that loads another page, and waits until that page has loaded. */
export async function go(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated'), page.click(selector)]);
  await page.waitForLoadState();
}

/** The page as a person scrolls it, down to `maxHeight` pixels (a long board would make an unreadable picture). */
export async function screenshot(page: Page, name: string, maxHeight = 2600): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
  const width = page.viewportSize()?.width ?? 1280;
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, maxHeight) } });
  return path;
}

/** The text of the page's main content, whitespace folded: what a person reads. */
export async function mainText(page: Page): Promise<string> {
  return ((await page.textContent('main')) ?? '').replace(/\s+/g, ' ').trim();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core run in the page for WCAG 2.0–2.2 A and AA rules. Evaluated through the browser's debugging
 * protocol, so the page's own Content-Security-Policy stays as strict as in use.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const tags = JSON.stringify(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']);
  // A string, as it runs in the page (whose globals this project's types do not describe).
  return page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${tags} }, resultTypes: ['violations'] }).then((result) =>
    result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`);
}

/** Serious and critical violations only: what the scan fails on. */
export const serious = (violations: AxeViolation[]) =>
  violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
