import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { settle, setUpHttpTest } from '../shared/testing';
import { CalendarImport } from './calendar-import';

describe('CalendarImport', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    http = setUpHttpTest();
  });
  afterEach(() => http.verify());

  const render = async () => {
    const fixture = TestBed.createComponent(CalendarImport);
    fixture.componentRef.setInput('year', 2027);
    fixture.componentRef.setInput('open', true);
    await settle(fixture);
    return fixture;
  };
  const el = (f: { nativeElement: HTMLElement }, s: string) => f.nativeElement.querySelector(s) as HTMLElement;
  const pickFile = (f: { nativeElement: HTMLElement }, name: string) => {
    const input = el(f, '#import-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['BEGIN:VCALENDAR'], name)], configurable: true });
    input.dispatchEvent(new Event('change'));
  };
  const submit = async (f: Awaited<ReturnType<typeof render>>) => {
    el(f, 'form').dispatchEvent(new Event('submit'));
    await settle(f);
  };

  it('asks for a calendar file of a known kind before sending anything', async () => {
    const fixture = await render();
    await submit(fixture);
    expect(el(fixture, '#import-file-error').textContent).toContain('Kies een kalenderbestand.');
    pickFile(fixture, 'agenda.pdf');
    await submit(fixture);
    expect(el(fixture, '#import-file-error').textContent).toContain('Kies een .ics- of .csv-bestand.');
    http.expectNone('/api/calendar/imports');
  });

  it('sends the file with the year and sums up what the import did', async () => {
    const fixture = await render();
    const done = jest.fn();
    fixture.componentInstance.imported.subscribe(done);
    pickFile(fixture, 'agenda.ics');
    await submit(fixture);
    const req = http.expectOne('/api/calendar/imports');
    expect((req.request.body as FormData).get('year')).toBe('2027');
    expect(((req.request.body as FormData).get('file') as File).name).toBe('agenda.ics');
    req.flush({ format: 'ics', year: 2027, created: 11, updated: 2, unchanged: 0, skipped: [{ ref: 'UID concert (line 80)', reason: 'cancelled' }], errors: [] });
    await settle(fixture);
    const text = el(fixture, '.success').textContent!;
    expect(text).toContain('Import klaar (ICS, 2027).');
    expect(text).toContain('11 nieuw, 2 bijgewerkt, 0 ongewijzigd, 1 overgeslagen.');
    expect(text).toContain('UID concert (line 80): cancelled');
    expect(done).toHaveBeenCalledWith(expect.objectContaining({ created: 11 }));
  });

  it('lists a refused file’s errors with their line numbers', async () => {
    const fixture = await render();
    pickFile(fixture, 'agenda.csv');
    await submit(fixture);
    http.expectOne('/api/calendar/imports').flush(
      { statusCode: 422, message: 'The calendar file has 2 errors; nothing was imported.', errors: [{ line: 3, message: 'start "31-02-2027" is not a date' }, { line: 7, message: 'title is empty' }] },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle(fixture);
    const alert = el(fixture, '[role=alert]').textContent!;
    expect(alert).toContain('nothing was imported');
    expect(alert).toContain('Regel 3: start "31-02-2027" is not a date');
    expect(alert).toContain('Regel 7: title is empty');
  });

  it('imports a feed by its address, and shows what the server says about the address', async () => {
    const fixture = await render();
    (el(fixture, 'input[value=url]') as HTMLInputElement).click();
    await settle(fixture);
    const url = el(fixture, '#import-url') as HTMLInputElement;
    url.value = 'ftp://agenda';
    url.dispatchEvent(new Event('input'));
    await submit(fixture);
    expect(el(fixture, '#import-url-error').textContent).toContain('https://');
    url.value = 'https://bibliotheek.example/agenda.ics';
    url.dispatchEvent(new Event('input'));
    await submit(fixture);
    const req = http.expectOne('/api/calendar/imports');
    expect(req.request.body).toEqual({ url: 'https://bibliotheek.example/agenda.ics', year: 2027 });
    req.flush({ statusCode: 400, message: ['url is not allowed'], fields: { url: ['This address is on the local network and is not allowed.'] } }, { status: 400, statusText: 'Bad Request' });
    await settle(fixture);
    expect(el(fixture, '#import-url-error').textContent).toContain('not allowed');
  });
});
