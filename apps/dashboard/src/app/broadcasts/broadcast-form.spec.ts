import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { settle, setUpHttpTest } from '../shared/testing';
import { BroadcastForm } from './broadcast-form';

describe('BroadcastForm', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    http = setUpHttpTest({ router: true });
  });
  afterEach(() => http.verify());

  const render = async (inputs: Record<string, string>) => {
    const fixture = TestBed.createComponent(BroadcastForm);
    for (const [k, v] of Object.entries(inputs)) fixture.componentRef.setInput(k, v);
    await settle(fixture);
    http.expectOne('/api/users').flush({ items: [{ id: 'u-priya', name: 'Priya Producer', roles: ['producer'] }] });
    http.expectOne('/api/rooms').flush({ items: [{ id: 'r-1', name: 'Zaal 1', streamingEquipped: false }, { id: 'r-2', name: 'Zaal 2', streamingEquipped: true }] });
    http.expectOne('/api/equipment').flush({ items: [] });
    http.expectOne('/api/equipment/kits').flush({ items: [] });
    http.expectOne('/api/checklist-templates').flush({ items: [{ id: 't-1', name: 'Livestream', isDefault: true }] });
    await settle(fixture);
    return fixture;
  };
  const el = (f: { nativeElement: HTMLElement }, selector: string) => f.nativeElement.querySelector(selector) as HTMLInputElement & HTMLSelectElement;
  const choose = (input: HTMLInputElement | HTMLSelectElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
  };
  const submit = async (f: Awaited<ReturnType<typeof render>>) => {
    el(f, 'form').dispatchEvent(new Event('submit'));
    await settle(f);
  };

  it('takes title, time and room from the activity and sends the planned broadcast', async () => {
    const fixture = await render({ activityId: 'a-1' });
    http.expectOne('/api/activities/a-1').flush({ id: 'a-1', title: 'Lezing: veilig internetbankieren', start: '2027-02-09T13:00:00.000Z', end: '2027-02-09T14:30:00.000Z', room: { id: 'r-1', name: 'Zaal 1' } });
    await settle(fixture);
    expect(el(fixture, '#b-title').value).toBe('Lezing: veilig internetbankieren');
    expect(el(fixture, '#b-room').value).toBe('r-1');

    choose(el(fixture, '#crew-person-0'), 'u-priya');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await submit(fixture);
    const req = http.expectOne('/api/broadcasts');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toMatchObject({
      activityId: 'a-1',
      title: 'Lezing: veilig internetbankieren',
      start: '2027-02-09T13:00:00.000Z',
      end: '2027-02-09T14:30:00.000Z',
      roomId: 'r-1',
      crew: [{ userId: 'u-priya', role: 'producer' }],
      checklistTemplateId: 't-1',
    });
    req.flush({ id: 'b-1' });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/staff/broadcasts', 'b-1']);
  });

  it('checks the form before sending it', async () => {
    const fixture = await render({});
    choose(el(fixture, '#b-start'), '2027-02-09T15:00');
    choose(el(fixture, '#b-end'), '2027-02-09T14:00');
    await submit(fixture);
    expect(el(fixture, '#b-title-error').textContent).toContain('Vul een titel in.');
    expect(el(fixture, '#b-end-error').textContent).toContain('Het einde moet na het begin liggen.');
    expect(el(fixture, '#crew-error-0').textContent).toContain('Kies een collega of haal deze regel weg.');
    http.expectNone('/api/broadcasts');
  });

  it('explains a double booking in plain words and asks for a change before saving again', async () => {
    const fixture = await render({});
    choose(el(fixture, '#b-title'), 'Extra vragenuur');
    choose(el(fixture, '#b-start'), '2027-02-09T14:30');
    choose(el(fixture, '#b-end'), '2027-02-09T15:00');
    choose(el(fixture, '#b-room'), 'r-1');
    choose(el(fixture, '#crew-person-0'), 'u-priya');
    await submit(fixture);
    http.expectOne('/api/broadcasts').flush(
      {
        statusCode: 409,
        message: 'Double booking: the room (booked for “Lezing”) at this time.',
        conflicts: [
          { kind: 'room', resourceId: 'r-1', withBroadcastId: 'b-1', withTitle: 'Lezing', from: '2027-02-09T12:30:00.000Z', to: '2027-02-09T14:45:00.000Z' },
          { kind: 'crew', resourceId: 'u-priya', withBroadcastId: 'b-1', withTitle: 'Lezing', from: '2027-02-09T12:30:00.000Z', to: '2027-02-09T14:45:00.000Z' },
        ],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    const alert = el(fixture, '[role=alert]').textContent!;
    expect(alert).toContain('Dit botst met een andere uitzending');
    expect(alert).toMatch(/Zaal 1 is al geboekt voor “Lezing” van .+ tot .+\./);
    expect(alert).toContain('Priya Producer werkt dan al mee aan “Lezing”');
    const save = el(fixture, 'button[type=submit]') as unknown as HTMLButtonElement;
    expect(save.disabled).toBe(true);

    choose(el(fixture, '#b-room'), 'r-2');
    await settle(fixture);
    expect(save.disabled).toBe(false);
    await submit(fixture);
    expect(http.expectOne('/api/broadcasts').request.body).toMatchObject({ roomId: 'r-2' });
  });

  it('shows the server’s field errors next to the field', async () => {
    const fixture = await render({});
    choose(el(fixture, '#b-title'), 'Extra');
    choose(el(fixture, '#b-start'), '2027-02-09T14:30');
    choose(el(fixture, '#b-end'), '2027-02-09T15:00');
    el(fixture, 'button[aria-label="Teamlid 1 weghalen"]').click();
    await submit(fixture);
    http.expectOne('/api/broadcasts').flush(
      { statusCode: 400, message: ['A broadcast can last at most 24 hours; check the end date.'], fields: { end: ['A broadcast can last at most 24 hours; check the end date.'] } },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(el(fixture, '#b-end-error').textContent).toContain('A broadcast can last at most 24 hours');
  });
});
