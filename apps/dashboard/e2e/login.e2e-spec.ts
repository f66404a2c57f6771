import { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, screenshot } from './support/browser';
import { DEMO_PASSWORD, RunningStack, startStack } from './support/server';

describe('staff login in Chromium', () => {
  let stack: RunningStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterEach(() => page?.close());

  it('sends a visitor to the login page, which has no accessibility violations', async () => {
    await page.goto(`${stack.url}/staff`);
    await page.waitForURL(/\/login\?returnUrl=%2Fstaff/);
    await expectVisible(page, 'h1', 'Inloggen voor medewerkers');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'login-page');
  });

  it('explains a wrong password without saying which part was wrong', async () => {
    await page.goto(`${stack.url}/login`);
    await page.getByLabel('E-mailadres').fill('planner@demo.library');
    await page.getByLabel('Wachtwoord').fill('wrong-password');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expectVisible(page, '[role=alert]', 'E-mailadres of wachtwoord klopt niet.');
  });

  it('checks the form before sending it', async () => {
    await page.goto(`${stack.url}/login`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expectVisible(page, '#email-error', 'Vul je e-mailadres in.');
    await expectVisible(page, '#password-error', 'Vul je wachtwoord in.');
  });

  it('logs a planner in by keyboard alone and shows their overview; English on request', async () => {
    await page.goto(`${stack.url}/login`);
    await expectVisible(page, 'h1', 'Inloggen voor medewerkers'); // the lazily loaded form is there
    await page.keyboard.press('Tab'); // language switch
    await page.keyboard.press('Tab');
    await page.keyboard.type('planner@demo.library');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await expectVisible(page, 'h1', 'Welkom, Pieter Planner');
    expect(new URL(page.url()).pathname).toBe('/staff');
    await expectVisible(page, 'main', 'Je rollen: planner');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'staff-overview-planner');

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expectVisible(page, 'h1', 'Welcome, Pieter Planner');
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);
  });
});

async function expectVisible(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector, { hasText: text }).first().waitFor({ state: 'visible', timeout: 10_000 });
}
