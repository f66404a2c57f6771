import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuthService } from '../auth/auth.service';
import { settle, setUpHttpTest } from '../shared/testing';
import { ActivityDetail } from './activity-detail';
import { Activity } from './year-plan.api';

const lecture = (over: Partial<Activity> = {}): Activity => ({
  id: 'a-1',
  title: 'Lezing: veilig internetbankieren',
  description: '',
  start: '2027-02-09T13:00:00.000Z',
  end: '2027-02-09T14:30:00.000Z',
  allDay: false,
  room: { id: 'r-1', name: 'Zaal 1', streamingEquipped: false },
  location: 'Zaal 1',
  audience: ['Senioren'],
  category: ['Lezing'],
  capacity: 40,
  registrations: 40,
  waitlist: 12,
  presenter: 'Seniorweb',
  visibility: 'public',
  status: 'confirmed',
  rightsConsent: 'unknown',
  cameraPlan: null,
  audienceParticipation: null,
  override: null,
  qualification: {
    eligible: true,
    qualifies: true,
    score: 89,
    threshold: 50,
    needsConfirmation: ['rights'],
    overridden: false,
    gates: [
      { name: 'public', passed: true, status: 'passed', reason: 'Public activity' },
      { name: 'rights', passed: true, status: 'needs_confirmation', reason: 'Needs confirmation: ask the presenter' },
    ],
    criteria: [{ name: 'demand', weight: 25, value: 1, reason: '52 registrations (12 on the waiting list) for 40 seats: 130%' }],
  },
  ...over,
});

describe('ActivityDetail', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    http = setUpHttpTest({ router: true });
  });
  afterEach(() => http.verify());

  const render = async (roles: ('planner' | 'editor')[], activity = lecture()) => {
    TestBed.inject(AuthService).me.set({ id: 'u-1', email: 'p@x', name: 'Pieter', roles });
    const fixture = TestBed.createComponent(ActivityDetail);
    fixture.componentRef.setInput('id', 'a-1');
    await settle(fixture);
    http.expectOne('/api/activities/a-1').flush(activity);
    http.expectOne((r) => r.url === '/api/broadcasts' && r.params.get('activityId') === 'a-1').flush({ items: [] });
    await settle(fixture);
    return fixture;
  };
  const el = (f: { nativeElement: HTMLElement }, s: string) => f.nativeElement.querySelector(s) as HTMLElement;
  const text = (f: { nativeElement: HTMLElement }) => f.nativeElement.textContent!.replace(/\s+/g, ' ');
  const rows = (f: { nativeElement: HTMLElement }) =>
    [...f.nativeElement.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()).join(' | '));

  it('explains each gate and criterion, and what is still to confirm', async () => {
    const fixture = await render(['planner']);
    const t = text(fixture);
    expect(t).toContain('Eerst bevestigen');
    expect(t).toContain('Score 89 van 100 (nodig: 50)');
    expect(t).toContain('Nog bevestigen: Toestemming en rechten.');
    expect(rows(fixture)).toEqual([
      'Openbare activiteit | In orde | Public activity',
      'Toestemming en rechten | Nog bevestigen | Needs confirmation: ask the presenter',
      'Belangstelling | 25 | 100% | 52 registrations (12 on the waiting list) for 40 seats: 130%',
    ]);
    expect(el(fixture, 'a.button').textContent).toContain('Uitzending plannen');
  });

  it('sends the team’s decisions, "let the system judge" as null', async () => {
    const fixture = await render(['planner']);
    const consent = el(fixture, '#d-consent') as HTMLSelectElement;
    consent.value = 'confirmed';
    consent.dispatchEvent(new Event('change'));
    el(fixture, 'form').dispatchEvent(new Event('submit'));
    const req = http.expectOne('/api/activities/a-1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ rightsConsent: 'confirmed', cameraPlan: null, audienceParticipation: null });
    req.flush(lecture({ rightsConsent: 'confirmed' }));
    await settle(fixture);
    expect(text(fixture)).toContain('Opgeslagen. Het oordeel is opnieuw berekend.');
  });

  it('needs a choice and a reason before overriding the verdict, and confirms removing it', async () => {
    const fixture = await render(['planner']);
    const override = fixture.nativeElement.querySelectorAll('form')[1] as HTMLFormElement;
    override.dispatchEvent(new Event('submit'));
    await settle(fixture);
    expect(el(fixture, '#o-qualifies-error').textContent).toContain('Kies wel of niet streamen.');
    expect(el(fixture, '#o-note-error').textContent).toContain('minstens 3 tekens');
    http.expectNone((r) => r.url.endsWith('/verdict'));

    (override.querySelector('input[value=no]') as HTMLInputElement).click();
    const note = el(fixture, '#o-note') as HTMLTextAreaElement;
    note.value = 'Spreker wil niet gestreamd worden';
    note.dispatchEvent(new Event('input'));
    override.dispatchEvent(new Event('submit'));
    const put = http.expectOne('/api/activities/a-1/verdict');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ qualifies: false, note: 'Spreker wil niet gestreamd worden' });
    put.flush(lecture({ override: { qualifies: false, note: 'Spreker wil niet gestreamd worden', by: 'u-1', at: '2026-11-29T10:00:00Z' }, qualification: { ...lecture().qualification, qualifies: false, overridden: true } }));
    await settle(fixture);
    expect(text(fixture)).toContain('Besluit van het team: niet streamen. “Spreker wil niet gestreamd worden”');

    const confirm = jest.spyOn(window, 'confirm').mockReturnValueOnce(false);
    (fixture.nativeElement.querySelector('button.danger') as HTMLButtonElement).click();
    expect(confirm).toHaveBeenCalled();
    http.expectNone('/api/activities/a-1/verdict');
  });

  it('shows no editing forms to someone who may only read', async () => {
    const fixture = await render(['editor']);
    expect(fixture.nativeElement.querySelectorAll('form').length).toBe(0);
    expect(el(fixture, 'a.button')).toBeNull();
  });
});
