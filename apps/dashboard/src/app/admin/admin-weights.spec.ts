import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { settle, setUpHttpTest } from '../shared/testing';
import { AdminWeights } from './admin-weights';

const SETTINGS = { weights: { demand: 25, remoteAccess: 20, roomEquipped: 15, crewAvailable: 15, reuseValue: 10, remoteSuitability: 15 }, threshold: 50, crewNeeded: 1 };

describe('AdminWeights', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    http = setUpHttpTest();
  });
  afterEach(() => http.verify());

  const render = async () => {
    const fixture = TestBed.createComponent(AdminWeights);
    await settle(fixture);
    http.expectOne('/api/qualification/settings').flush(SETTINGS);
    await settle(fixture);
    return fixture;
  };
  const set = (f: { nativeElement: HTMLElement }, id: string, value: string) => {
    const input = f.nativeElement.querySelector(`#${id}`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submit = async (f: Awaited<ReturnType<typeof render>>) => {
    f.nativeElement.querySelector('form').dispatchEvent(new Event('submit'));
    await settle(f);
  };

  it('shows each weight as its share of the score, updating as it is typed', async () => {
    const fixture = await render();
    expect(fixture.nativeElement.querySelector('#w-demand-share').textContent).toContain('25% van de score');
    set(fixture, 'w-demand', '0');
    await settle(fixture);
    expect(fixture.nativeElement.querySelector('#w-demand-share').textContent).toContain('0% van de score');
    expect(fixture.nativeElement.querySelector('#w-remoteAccess-share').textContent).toContain('27% van de score');
  });

  it('refuses out-of-range values and all-zero weights before sending', async () => {
    const fixture = await render();
    set(fixture, 'w-threshold', '101');
    await submit(fixture);
    expect(fixture.nativeElement.querySelector('#w-threshold-help').textContent).toContain('Vul een getal tussen 0 en 100 in.');
    set(fixture, 'w-threshold', '60');
    for (const c of Object.keys(SETTINGS.weights)) set(fixture, `w-${c}`, '0');
    await submit(fixture);
    expect(fixture.nativeElement.textContent).toContain('Minstens één gewicht moet groter dan 0 zijn.');
    http.expectNone('/api/qualification/settings');
  });

  it('saves numbers, not text', async () => {
    const fixture = await render();
    set(fixture, 'w-threshold', '60');
    await submit(fixture);
    const req = http.expectOne({ method: 'PUT', url: '/api/qualification/settings' });
    expect(req.request.body).toEqual({ ...SETTINGS, threshold: 60 });
    req.flush({ ...SETTINGS, threshold: 60 });
    await settle(fixture);
    expect(fixture.nativeElement.textContent).toContain('Opgeslagen. Alle activiteiten zijn opnieuw beoordeeld.');
  });
});
