import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { settle, setUpHttpTest } from '../shared/testing';
import { PortalLive } from './live';
import { FakeMedia, installFakeMedia } from './player/testing';
import { LiveBroadcast } from './portal.api';

const broadcast = (over: Partial<LiveBroadcast> = {}): LiveBroadcast => ({
  slug: 'lezing-over-de-stad-3f2504e0',
  title: 'Lezing over de stad',
  description: 'Een lezing in de grote zaal.',
  status: 'ended',
  start: '2026-03-02T19:00:00Z',
  end: '2026-03-02T20:00:00Z',
  startedAt: '2026-03-02T19:01:00Z',
  endedAt: '2026-03-02T20:02:00Z',
  playlist: null,
  recording: null,
  ...over,
});

describe('PortalLive', () => {
  let http: HttpTestingController;
  let media: FakeMedia;

  beforeEach(() => {
    media = installFakeMedia();
    http = setUpHttpTest({ router: true });
  });
  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
    media.restore();
  });

  const render = async (answer: LiveBroadcast) => {
    const fixture = TestBed.createComponent(PortalLive);
    fixture.componentRef.setInput('slug', answer.slug);
    await settle(fixture);
    http.expectOne(`/api/public/live/${answer.slug}`).flush(answer);
    await settle(fixture);
    return fixture.nativeElement as HTMLElement;
  };
  const notice = (el: HTMLElement) => el.querySelector('[role=status]')!.textContent!.replace(/\s+/g, ' ').trim();

  it.each<[string, Partial<LiveBroadcast>, string]>([
    ['coming up', { status: 'upcoming', endedAt: null, startedAt: null }, 'Deze uitzending begint op ma 2 mrt 2026'],
    ['cancelled', { status: 'cancelled' }, 'Deze uitzending gaat niet door.'],
    ['ended, no recording', { recording: { state: 'none', availableAt: null, episodeSlug: null, message: '' } }, 'Er is geen opname om terug te kijken.'],
    ['ended, being prepared', { recording: { state: 'processing', availableAt: null, episodeSlug: null, message: '' } }, 'De opname wordt klaargemaakt.'],
    ['ended, in review', { recording: { state: 'in_review', availableAt: null, episodeSlug: null, message: '' } }, 'zodra onze medewerkers hem hebben bekeken'],
    ['ended, scheduled', { recording: { state: 'scheduled', availableAt: '2026-03-05T09:00:00Z', episodeSlug: 'lezing', message: '' } }, 'Je kunt de opname terugkijken vanaf do 5 mrt 2026'],
  ])('%s: says so', async (_, over, text) => {
    const el = await render(broadcast(over));
    expect(el.querySelector('h1')!.textContent).toBe('Lezing over de stad');
    expect(notice(el)).toContain(text);
    expect(el.querySelector('video')).toBeNull();
  });

  it('links to the recording once it is published', async () => {
    const el = await render(broadcast({ recording: { state: 'published', availableAt: '2026-03-03T09:00:00Z', episodeSlug: 'lezing-over-de-stad', message: '' } }));
    expect(notice(el)).toContain('Je kunt de opname nu terugkijken.');
    expect(el.querySelector('a[href="/video/lezing-over-de-stad"]')!.textContent).toBe('Bekijk de opname');
  });

  it('shows the live player while on air, without seeking or transcript', async () => {
    const el = await render(broadcast({ status: 'live', endedAt: null, playlist: '/api/live/3f2504e0/index.m3u8' }));
    expect(el.querySelector('video')).not.toBeNull();
    expect(el.querySelector('.live-badge')!.textContent).toBe('Live');
    expect(el.querySelector('input[type=range]')).toBeNull();
    expect(el.querySelector('.transcript')).toBeNull();
  });
});
