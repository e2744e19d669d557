/**
 * Headless Chromium for the console's browser tests. The browser binary comes
 * from the npm package @sparticuz/chromium (a Chromium build shipped inside
 * the package, unpacked to /tmp on first use), so `npm ci` installs it with no
 * download from elsewhere; playwright-core drives it. Every page visited is
 * checked with axe-core and photographed into reports/console/.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The flags the project runs Chromium with (no sandbox: tests run as root in CI). */
export const LAUNCH_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const SCREENSHOT_DIR = resolve(__dirname, '../../reports/console');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/**
 * Launch Chromium. Two jest workers may start a browser suite at once: the
 * first unpacks the binary to /tmp/chromium, and the second, seeing the file
 * already there, gets ETXTBSY from exec while it is still being written; it
 * waits for the writer to finish and tries again.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = await sparticuz.executablePath();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await chromium.launch({ executablePath, args: LAUNCH_FLAGS, headless: true });
    } catch (error) {
      if (attempt >= 20 || !/ETXTBSY/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

export interface ConsoleSession {
  context: BrowserContext;
  page: Page;
  /** Content-Security-Policy violations and page errors seen so far. */
  problems: string[];
}

/** A fresh browser context (its own storage) with a page that records CSP violations and uncaught errors. */
export async function openConsole(browser: Browser, viewport = DESKTOP): Promise<ConsoleSession> {
  const context = await browser.newContext({ viewport, permissions: ['clipboard-read', 'clipboard-write'] });
  // Waits are for elements the app shows, never fixed sleeps; the limit allows for a loaded machine.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown }>;
}

/**
 * Serious and critical axe-core violations on the page as it is now. The
 * script is evaluated through the DevTools protocol, which the page's CSP
 * does not govern (an injected <script> would rightly be refused).
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // Runs in the page (the test's tsconfig has no DOM types, hence the shape given here).
    const page = globalThis as unknown as { document: unknown; axe: { run(context: unknown, options: object): Promise<{ violations: AxeViolation[] }> } };
    const result = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Screenshot into reports/console/<name>.png (full page). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Sign in through the console's form and wait for the review queue. */
export async function signInAs(page: Page, consoleUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${consoleUrl}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'KYC review queue' }).waitFor();
}
