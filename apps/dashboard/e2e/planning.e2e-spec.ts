import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, screenshot } from './support/browser';
import { DEMO_PASSWORD, RunningStack, startStack } from './support/server';

const FIXTURE = path.join(__dirname, 'fixtures/agenda-2027.ics');
const TABLET = { width: 820, height: 1180 };
const LONG = 120_000;

/**
 * The planning side of the staff dashboard as librarians use it: a planner imports the annual calendar,
 * opens a qualifying activity and plans its broadcast, then sees a double booking explained; a producer
 * moves an episode on the series board; an admin looks after the settings. Every screen is checked by axe.
 */
describe('staff dashboard: planning, broadcasts, series board and admin in Chromium', () => {
  let stack: RunningStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  }, LONG);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, LONG);
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Amsterdam', locale: 'nl-NL' });
    page.on('dialog', (d) => void d.accept());
  });
  afterEach(() => page?.close());

  const login = async (who: string) => {
    await page.goto(`${stack.url}/login`);
    await page.getByLabel('E-mailadres').fill(`${who}@demo.library`);
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/staff$/);
  };
  const visible = (selector: string, text: string | RegExp) => page.locator(selector, { hasText: text }).first().waitFor({ state: 'visible', timeout: 10_000 });
  const noAxeViolations = async () => expect(await axeViolations(page)).toEqual([]);
  const nav = (name: string) => page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name });

  it('a planner imports the calendar, confirms a qualifying activity and plans its broadcast; a clash is explained', async () => {
    await login('planner');
    await expect(nav('Beheer').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'Jaarplanning' }).count()).resolves.toBe(2); // menu and overview card
    await nav('Jaarplanning').click();
    await page.waitForURL(/\/staff\/year-plan/);

    // First visit: nothing imported for 2027 yet, and the import form says what to do.
    await page.getByLabel('Jaar', { exact: true }).selectOption('2027');
    await visible('.empty h2', 'Nog geen activiteiten in 2027');
    await noAxeViolations();
    await screenshot(page, 'planner-01-year-plan-empty');

    await page.getByRole('button', { name: 'Importeren' }).click();
    await visible('#import-file-error', 'Kies een kalenderbestand.');
    await page.setInputFiles('#import-file', FIXTURE);
    await page.locator('#import-year').fill('2027');
    await page.getByRole('button', { name: 'Importeren' }).click();
    await visible('.success', 'Import klaar (ICS, 2027).');
    await visible('.success', '11 nieuw, 0 bijgewerkt, 0 ongewijzigd, 1 overgeslagen.');
    await visible('table', 'Lezing: veilig internetbankieren');
    await visible('[role=status]', '11 activiteiten, waarvan 2 geschikt om te streamen.');
    await noAxeViolations();
    await screenshot(page, 'planner-02-calendar-imported');

    // The same report as a spreadsheet.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Downloaden als spreadsheet (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('activiteiten-2027.csv');
    const csv = await new Promise<string>((resolve, reject) => {
      void download.createReadStream().then((stream) => {
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        stream.on('end', () => resolve(text));
        stream.on('error', reject);
      }, reject);
    });
    expect(csv.split('\r\n')[0]).toMatch(/^id,title,start,end,room,/);
    expect(csv).toContain('Lezing: veilig internetbankieren');

    // Filters, then the month view of February.
    await page.getByLabel('Oordeel').selectOption('qualifies');
    await visible('[role=status]', '2 activiteiten, waarvan 2 geschikt');
    const rows = page.locator('table.table tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.first().textContent()).resolves.toContain('Eerst bevestigen');
    await page.getByLabel('Oordeel').selectOption('');
    await page.getByLabel('Doelgroep').selectOption('Peuters (2-4 jaar)');
    await visible('[role=status]', '8 activiteiten, waarvan 0 geschikt');
    await page.getByRole('button', { name: 'Filters wissen' }).first().click();
    await page.getByRole('button', { name: 'Maand' }).click();
    await page.getByRole('button', { name: /Volgende maand/ }).click();
    await visible('.period h2', 'februari 2027');
    await visible('table.month td', 'Lezing: veilig internetbankieren');
    await noAxeViolations();
    await screenshot(page, 'planner-03-month-view');

    // The activity: why it qualifies, and what is still to confirm.
    await page.locator('table.month').getByRole('link', { name: /Lezing: veilig internetbankieren/ }).click();
    await visible('h1', 'Lezing: veilig internetbankieren');
    await visible('tr', /Toestemming en rechten\s*Nog bevestigen/);
    await visible('tr', /Belangstelling\s*25\s*100%\s*52 registrations/);
    await visible('.verdict', 'Nog bevestigen: Toestemming en rechten.');
    await noAxeViolations();
    await screenshot(page, 'planner-04-activity-reasons');

    await page.getByLabel('Toestemming van spreker en rechten').selectOption('confirmed');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await visible('.success', 'Opgeslagen. Het oordeel is opnieuw berekend.');
    await visible('.verdict .badge', 'Geschikt');
    await visible('tr', /Toestemming en rechten\s*In orde/);

    // Plan its broadcast: title, time and room come from the calendar; add a producer.
    await page.getByRole('link', { name: 'Uitzending plannen' }).click();
    await page.waitForURL(/\/staff\/broadcasts\/new\?activityId=/);
    // The form fills itself from the activity once that has loaded.
    await page.waitForFunction(
      () =>
        (document.querySelector('#b-title') as HTMLInputElement | null)?.value !== '' &&
        !!(document.querySelector('#b-room') as HTMLSelectElement | null)?.selectedOptions[0]?.textContent?.includes('Zaal 1'),
      null,
      { timeout: 15_000 },
    );
    await expect(page.getByLabel('Titel').inputValue()).resolves.toBe('Lezing: veilig internetbankieren');
    await expect(page.getByLabel('Begint').inputValue()).resolves.toBe('2027-02-09T14:00');
    await expect(page.locator('#b-room option:checked').textContent()).resolves.toContain('Zaal 1');
    await page.getByLabel('Teamlid 1', { exact: true }).selectOption({ label: 'Priya Producer' });
    await page.getByLabel('Rol van teamlid 1').selectOption('producer');
    await noAxeViolations();
    await screenshot(page, 'planner-05-broadcast-form');
    await page.getByRole('button', { name: 'Uitzending plannen' }).click();
    await page.waitForURL(/\/staff\/broadcasts\/[0-9a-f-]{36}$/);
    const firstUrl = page.url();
    await visible('h1', 'Lezing: veilig internetbankieren');
    await visible('h1 .badge', 'Concept');
    await visible('dd', 'Priya Producer (Regie)');

    // Checklist, stream key and the lifecycle.
    await visible('.card', /0 van \d+ gedaan/);
    await page.locator('app-broadcast-checklist input[type=checkbox]').first().check();
    await visible('.card', /1 van \d+ gedaan/);
    await page.getByRole('button', { name: 'Streamsleutel maken' }).click();
    await expect(page.getByLabel('Server (RTMP)').inputValue()).resolves.toMatch(/^rtmp:\/\/.+\/live$/);
    await expect(page.getByLabel('Sleutel', { exact: true }).first().inputValue()).resolves.toMatch(/^\S{16,}$/);
    await page.getByRole('button', { name: 'Inplannen' }).click();
    await visible('h1 .badge', 'Ingepland');
    await expect(page.getByRole('button', { name: 'Live gaan' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Klaar voor uitzending' }).click();
    await visible('[role=alert]', /Not ready yet: tick the required checklist items/);
    await noAxeViolations();
    await screenshot(page, 'planner-06-broadcast-detail');

    // A second broadcast in the same room at the same time: the clash is explained before saving again.
    await page.goto(`${stack.url}/staff/broadcasts`);
    await visible('table', 'Lezing: veilig internetbankieren');
    await page.getByRole('button', { name: 'Mijn uitzendingen in mijn agenda' }).click();
    const feed = await page.locator('#feed-url').inputValue();
    expect(feed).toMatch(/\/api\/ical\/users\/.+\.ics$/);
    await expect((await fetch(feed)).text()).resolves.toContain('BEGIN:VCALENDAR');
    await noAxeViolations();
    await screenshot(page, 'planner-07-broadcast-list');
    await page.getByRole('link', { name: '+ Nieuwe uitzending' }).click();
    await page.getByLabel('Titel').fill('Extra vragenuur internetbankieren');
    await page.getByLabel('Begint').fill('2027-02-09T14:30');
    await page.getByLabel('Eindigt').fill('2027-02-09T15:00');
    await page.getByLabel('Zaal', { exact: true }).selectOption({ label: 'Zaal 1' });
    await page.getByRole('button', { name: 'Weghalen' }).click(); // no crew for this one
    await page.getByRole('button', { name: 'Uitzending plannen' }).click();
    await visible('[role=alert] h2', 'Dit botst met een andere uitzending');
    await visible('[role=alert] li', /Zaal 1 is al geboekt voor “Lezing: veilig internetbankieren” van .*13:30 tot .*15:45\./);
    await expect(page.getByRole('button', { name: 'Uitzending plannen' }).isDisabled()).resolves.toBe(true);
    await noAxeViolations();
    await screenshot(page, 'planner-08-conflict-explained');

    await page.getByLabel('Zaal', { exact: true }).selectOption({ label: 'Zaal 2' });
    await page.getByRole('button', { name: 'Uitzending plannen' }).click();
    await page.waitForURL(/\/staff\/broadcasts\/[0-9a-f-]{36}$/);
    expect(page.url()).not.toBe(firstUrl);
    await visible('dd', 'Zaal 2');

    // At tablet width the year plan still works.
    await page.setViewportSize(TABLET);
    await page.goto(`${stack.url}/staff/year-plan?day=2027-02-09&view=week`);
    await visible('.week', 'Lezing: veilig internetbankieren');
    await noAxeViolations();
    await screenshot(page, 'planner-09-week-view-tablet');

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await visible('h1', 'Year plan');
    await visible('.week li', /Lezing: veilig internetbankieren.*Suitable · 89/);
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
  }, LONG);

  it('a producer starts a series and moves an episode along the board by button and by dragging', async () => {
    await login('producer');
    await expect(nav('Jaarplanning').isVisible()).resolves.toBe(true);
    await expect(nav('Beheer').count()).resolves.toBe(0);
    await nav('Videoreeksen').click();
    await visible('.empty h2', 'Nog geen videoreeksen');
    await page.getByRole('button', { name: 'Reeks maken' }).click();
    await visible('#s-title-error', 'Vul een titel in.');
    await noAxeViolations();
    await screenshot(page, 'producer-01-series-empty');

    await page.getByLabel('Titel').fill('Zelf je boeken verlengen');
    await page.getByLabel('Doelgroep').fill('senioren');
    await page.getByRole('button', { name: 'Reeks maken' }).click();
    await page.waitForURL(/\/staff\/series\/[0-9a-f-]{36}$/);
    await visible('h1', 'Zelf je boeken verlengen');
    await visible('.empty', 'Deze reeks heeft nog geen afleveringen.');

    await page.getByLabel('Nieuwe aflevering').fill('Inloggen in de app');
    await page.getByLabel('Wie werkt eraan').selectOption({ label: 'Priya Producer' });
    await page.getByLabel('Klaar op').fill('2026-01-15');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    const card = page.locator('li.episode', { hasText: 'Inloggen in de app' });
    await visible('#col-idea + ul li.episode', 'Inloggen in de app');
    await expect(card.getAttribute('class')).resolves.toContain('overdue');
    await visible('li.episode .late', 'Te laat');

    await page.getByRole('button', { name: 'Nieuwe aflevering' }).count(); // the form stays for the next one
    await page.getByLabel('Nieuwe aflevering').fill('Verlengen zonder pas');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await visible('#col-idea + ul li.episode', 'Verlengen zonder pas');

    // By keyboard: the button on the card.
    await card.getByRole('button', { name: '“Inloggen in de app” naar Script' }).focus();
    await page.keyboard.press('Enter');
    await visible('section:has(#col-script) li.episode', 'Inloggen in de app');
    await visible('[aria-live=polite]', '“Inloggen in de app” staat nu bij Script.');

    // By dragging: Script → Opnemen.
    await page.dragAndDrop('section:has(#col-script) li.episode', 'section:has(#col-recording)');
    await visible('section:has(#col-recording) li.episode', 'Inloggen in de app');
    await noAxeViolations();
    await screenshot(page, 'producer-02-series-board');

    // A jump of two stages is not accepted, and the board is kept after a reload.
    await page.dragAndDrop('section:has(#col-idea) li.episode', 'section:has(#col-recording)');
    await expect(page.locator('section:has(#col-recording) li.episode').count()).resolves.toBe(1);
    await page.reload();
    await visible('section:has(#col-recording) li.episode', 'Inloggen in de app');
    await visible('section:has(#col-idea) li.episode', 'Verlengen zonder pas');

    await page.setViewportSize(TABLET);
    await noAxeViolations();
    await screenshot(page, 'producer-03-series-board-tablet');
  }, LONG);

  it('an admin sees every admin section, changes the weights and sees the verdicts recalculated', async () => {
    await login('admin');
    await nav('Beheer').click();
    await page.waitForURL(/\/staff\/admin\/rooms$/);
    for (const [tab, heading] of [
      ['Zalen', 'Zaal toevoegen'],
      ['Apparatuur', 'Apparatuur toevoegen'],
      ['Draaiboeken', 'Nieuw draaiboek'],
      ['Gebruikers', 'Nieuwe collega'],
    ] as const) {
      await page.getByRole('link', { name: tab, exact: true }).click();
      await visible('h2', heading);
      await noAxeViolations();
    }
    await visible('tbody tr', /Pieter Planner\s*planner@demo.library\s*planner\s*Actief/);
    await screenshot(page, 'admin-01-users');

    await page.getByRole('link', { name: 'Apparatuur', exact: true }).click();
    await page.getByLabel('Naam', { exact: true }).first().fill('Camera Sony ZV-E10 #1');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await visible('tbody th', 'Camera Sony ZV-E10 #1');

    await page.getByRole('link', { name: 'Beoordeling', exact: true }).click();
    await expect(page.getByLabel('Nodige score').inputValue()).resolves.toBe('50');
    await page.getByLabel('Nodige score').fill('101');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await visible('#w-threshold-help', 'Vul een getal tussen 0 en 100 in.');
    await page.getByLabel('Nodige score').fill('95');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await visible('.success', 'Opgeslagen. Alle activiteiten zijn opnieuw beoordeeld.');
    await noAxeViolations();
    await screenshot(page, 'admin-02-weights');
  }, LONG);
});
