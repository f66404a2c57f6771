import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

/** Debian's Chromium, headless, with no network chatter of its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

const artifacts = process.env.TEST_ARTIFACTS ?? path.join(__dirname, '../../../../test-results');

/** Saves a screenshot as a test artefact: test-results/<name>.png */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.1 A/AA) in the page; returns violations as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through DevTools rather than a <script> tag, so the page's strict CSP stays on.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** A person at their own screen: a fresh browser context (own session) in Amsterdam time; dialogs are accepted. */
export async function personPage(browser: Browser, viewport: { width: number; height: number }, onDialog?: (message: string) => void): Promise<Page> {
  const context = await browser.newContext({ viewport, timezoneId: 'Europe/Amsterdam', locale: 'nl-NL' });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    onDialog?.(d.message());
    void d.accept();
  });
  return page;
}

/** Waits until an element matching `selector` that contains `text` is visible. */
export const visible = (page: Page, selector: string, text: string | RegExp, timeout = 15_000): Promise<void> =>
  page.locator(selector, { hasText: text }).first().waitFor({ state: 'visible', timeout });
