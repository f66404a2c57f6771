import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuthService, Role } from '../auth/auth.service';
import { settle, setUpHttpTest } from '../shared/testing';
import { BroadcastDetail } from './broadcast-detail';
import { BroadcastDetail as Detail } from './broadcasts.api';

const broadcast = (over: Partial<Detail> = {}): Detail => ({
  id: 'b-1',
  activityId: null,
  title: 'Lezing',
  description: '',
  start: '2027-02-09T13:00:00.000Z',
  end: '2027-02-09T14:30:00.000Z',
  setupMinutes: 30,
  teardownMinutes: 15,
  bookedFrom: '2027-02-09T12:30:00.000Z',
  bookedUntil: '2027-02-09T14:45:00.000Z',
  roomId: 'r-1',
  roomName: 'Zaal 1',
  status: 'scheduled',
  repeatGroupId: null,
  crew: [{ userId: 'u-2', name: 'Priya Producer', role: 'producer' }],
  equipment: [],
  hasStreamKey: false,
  streamKeyRotatedAt: null,
  checklist: [
    { id: 'c-1', label: 'Sound check', required: true, done: false, doneAt: null, position: 0 },
    { id: 'c-2', label: 'Chat briefed', required: false, done: true, doneAt: '2027-02-01T10:00:00Z', position: 1 },
  ],
  history: [],
  restreams: [{ id: 'rs-1', name: 'YouTube', rtmpUrl: 'rtmp://a.rtmp.youtube.com/live2', streamKey: '••••x7Qz' }],
  nextStatuses: ['draft', 'ready', 'cancelled'],
  ...over,
});

describe('BroadcastDetail', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    http = setUpHttpTest({ router: true });
  });
  afterEach(() => http.verify());

  const render = async (roles: Role[], b = broadcast()) => {
    TestBed.inject(AuthService).me.set({ id: 'u-1', email: 'x@y', name: 'X', roles });
    const fixture = TestBed.createComponent(BroadcastDetail);
    fixture.componentRef.setInput('id', 'b-1');
    await settle(fixture);
    http.expectOne('/api/broadcasts/b-1').flush(b);
    await settle(fixture);
    return fixture;
  };
  const buttons = (f: { nativeElement: HTMLElement }) => [...f.nativeElement.querySelectorAll('button')].map((b) => b.textContent!.trim());
  const button = (f: { nativeElement: HTMLElement }, label: string) => [...f.nativeElement.querySelectorAll('button')].find((b) => b.textContent!.trim() === label)!;

  it('offers only the status changes the API allows now, and shows why one is refused', async () => {
    const fixture = await render(['planner']);
    expect(buttons(fixture)).toEqual(expect.arrayContaining(['Terug naar concept', 'Klaar voor uitzending', 'Uitzending annuleren']));
    expect(buttons(fixture)).not.toContain('Live gaan');
    expect(fixture.nativeElement.textContent).toContain('1 van 2 gedaan');

    button(fixture, 'Klaar voor uitzending').click();
    const req = http.expectOne('/api/broadcasts/b-1/transitions');
    expect(req.request.body).toEqual({ to: 'ready' });
    req.flush({ message: 'Not ready yet: tick the required checklist items (Sound check) and create a stream key.' }, { status: 409, statusText: 'Conflict' });
    await settle(fixture);
    expect(fixture.nativeElement.querySelector('[role=alert]').textContent).toContain('Not ready yet: tick the required checklist items (Sound check)');
  });

  it('asks before cancelling and sends the reason', async () => {
    const fixture = await render(['producer']);
    jest.spyOn(window, 'prompt').mockReturnValueOnce(null).mockReturnValueOnce('Spreker ziek');
    button(fixture, 'Uitzending annuleren').click();
    http.expectNone('/api/broadcasts/b-1/transitions');
    button(fixture, 'Uitzending annuleren').click();
    const req = http.expectOne('/api/broadcasts/b-1/transitions');
    expect(req.request.body).toEqual({ to: 'cancelled', note: 'Spreker ziek' });
    req.flush(broadcast({ status: 'cancelled', nextStatuses: [] }));
    await settle(fixture);
    expect(fixture.nativeElement.querySelector('h1 .badge').textContent).toContain('Geannuleerd');
    expect(fixture.nativeElement.textContent).toContain('de status verandert niet meer');
  });

  it('creates, shows and rotates the stream key (rotating asks first)', async () => {
    const fixture = await render(['planner']);
    button(fixture, 'Streamsleutel maken').click();
    http.expectOne({ method: 'POST', url: '/api/broadcasts/b-1/stream-key' }).flush({ rtmpUrl: 'rtmp://streams.example:1935/live', streamKey: 'secret-key-1', validFrom: '2027-02-09T12:30:00Z', validUntil: '2027-02-09T16:30:00Z' });
    await settle(fixture);
    expect((fixture.nativeElement.querySelector('#sk-url') as HTMLInputElement).value).toBe('rtmp://streams.example:1935/live');
    expect((fixture.nativeElement.querySelector('#sk-key') as HTMLInputElement).value).toBe('secret-key-1');
    http.expectOne('/api/broadcasts/b-1').flush(broadcast({ hasStreamKey: true }));
    await settle(fixture);

    const confirm = jest.spyOn(window, 'confirm').mockReturnValueOnce(false);
    button(fixture, 'Nieuwe sleutel maken').click();
    expect(confirm.mock.calls[0][0]).toContain('De oude werkt meteen niet meer');
    http.expectNone('/api/broadcasts/b-1/stream-key');
  });

  it('shows an editor the plan and checklist but no key, restreams, ticking or status buttons', async () => {
    const fixture = await render(['editor']);
    expect(fixture.nativeElement.textContent).toContain('Priya Producer (Regie)');
    expect(fixture.nativeElement.querySelector('app-stream-key')).toBeNull();
    expect(fixture.nativeElement.querySelector('app-restreams')).toBeNull();
    expect(buttons(fixture)).not.toContain('Uitzending annuleren');
    const boxes = [...fixture.nativeElement.querySelectorAll('app-broadcast-checklist input[type=checkbox]')] as HTMLInputElement[];
    expect(boxes.every((b) => b.disabled)).toBe(true);
  });

  it('ticks a checklist item and refreshes the broadcast', async () => {
    const fixture = await render(['producer']);
    const box = fixture.nativeElement.querySelector('app-broadcast-checklist input[type=checkbox]') as HTMLInputElement;
    box.click();
    const req = http.expectOne('/api/broadcasts/b-1/checklist/c-1');
    expect(req.request.body).toEqual({ done: true });
    req.flush({ id: 'c-1', label: 'Sound check', required: true, done: true, doneAt: '2027-02-01T10:00:00Z', position: 0 });
    await settle(fixture);
    expect(fixture.nativeElement.textContent).toContain('2 van 2 gedaan');
    http.expectOne('/api/broadcasts/b-1').flush(broadcast());
  });
});
