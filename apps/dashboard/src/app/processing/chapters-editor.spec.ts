import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { settle, setUpHttpTest } from '../shared/testing';
import { ChaptersEditor } from './chapters-editor';
import { MediaAsset } from './media.api';

const asset = (over: Partial<MediaAsset> = {}): MediaAsset =>
  ({ id: 'a-1', status: 'ready', durationS: 300, chapters: [{ startS: 0, title: 'Inloggen' }], captions: [], renditions: [], ...over }) as MediaAsset;

describe('ChaptersEditor', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    http = setUpHttpTest();
  });
  afterEach(() => http.verify());

  const render = async (a = asset()) => {
    const fixture = TestBed.createComponent(ChaptersEditor);
    fixture.componentRef.setInput('asset', a);
    fixture.componentRef.setInput('editable', true);
    await settle(fixture);
    return fixture;
  };
  const el = (f: { nativeElement: HTMLElement }, s: string) => f.nativeElement.querySelector(s) as HTMLInputElement;
  const type = (input: HTMLInputElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const button = (f: { nativeElement: HTMLElement }, text: string) =>
    [...f.nativeElement.querySelectorAll('button')].find((b) => b.textContent!.trim() === text) as HTMLButtonElement;

  it('shows the saved chapters as rows of time and title', async () => {
    const fixture = await render(asset({ chapters: [{ startS: 0, title: 'Inloggen' }, { startS: 95.5, title: 'Verlengen' }] }));
    expect(el(fixture, '#ch-time-1').value).toBe('1:35.5');
    expect(el(fixture, '#ch-title-1').value).toBe('Verlengen');
  });

  it('checks the rows before sending, then saves them in time order', async () => {
    const fixture = await render();
    button(fixture, 'Hoofdstuk toevoegen').click();
    await settle(fixture);
    type(el(fixture, '#ch-time-1'), '9:00');
    button(fixture, 'Hoofdstukken opslaan').click();
    await settle(fixture);
    expect(el(fixture, '#ch-time-1-error').textContent).toContain('Deze tijd valt na het einde van de video.');
    expect(el(fixture, '#ch-title-1-error').textContent).toContain('Geef het hoofdstuk een titel.');
    expect(el(fixture, '#ch-time-1').getAttribute('aria-invalid')).toBe('true');
    http.expectNone('/api/media/a-1/chapters');

    type(el(fixture, '#ch-time-1'), '2:00');
    type(el(fixture, '#ch-title-1'), 'Een boek verlengen');
    type(el(fixture, '#ch-time-0'), '0:05');
    button(fixture, 'Hoofdstukken opslaan').click();
    await settle(fixture);
    const req = http.expectOne('/api/media/a-1/chapters');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual([
      { start: 5, title: 'Inloggen' },
      { start: 120, title: 'Een boek verlengen' },
    ]);
    req.flush(asset({ chapters: [{ startS: 5, title: 'Inloggen' }, { startS: 120, title: 'Een boek verlengen' }] }));
    await settle(fixture);
    expect(fixture.nativeElement.querySelector('.success').textContent).toContain('De hoofdstukken zijn opgeslagen.');
  });

  it('shows what the server found wrong', async () => {
    const fixture = await render();
    button(fixture, 'Hoofdstukken opslaan').click();
    await settle(fixture);
    http
      .expectOne('/api/media/a-1/chapters')
      .flush(
        { message: 'The chapters cannot be used: chapter "Inloggen" starts outside the recording', problems: [{ line: 0, message: 'chapter "Inloggen" starts outside the recording' }] },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await settle(fixture);
    expect(fixture.nativeElement.querySelector('[role=alert]').textContent).toContain('starts outside the recording');
  });
});
