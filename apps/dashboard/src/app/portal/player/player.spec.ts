import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../shared/testing';
import { TimedText } from '../portal.api';
import { Player } from './player';
import { FakeMedia, installFakeMedia } from './testing';

const text = (blob: Blob) =>
  new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blob);
  });

const CUES = [
  { startTime: 0.5, endTime: 5, text: 'Open de app.' },
  { startTime: 5, endTime: 10, text: 'Tik op <b>Mijn boeken</b> &amp; kies.' },
  { startTime: 10, endTime: 15, text: 'Klaar.' },
];

describe('Player', () => {
  let media: FakeMedia;
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    media = installFakeMedia();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
    media.restore();
  });

  const render = async (inputs: Record<string, unknown> = {}) => {
    const fixture = TestBed.createComponent(Player);
    fixture.componentRef.setInput('src', '/api/public/videos/v/files/hls/master.m3u8');
    fixture.componentRef.setInput('title', 'Je boeken verlengen');
    for (const [k, v] of Object.entries(inputs)) fixture.componentRef.setInput(k, v);
    await settle(fixture);
    return fixture;
  };
  const el = (f: ComponentFixture<Player>) => f.nativeElement as HTMLElement;
  const video = (f: ComponentFixture<Player>) => el(f).querySelector('video')!;
  const button = (f: ComponentFixture<Player>, name: string) =>
    [...el(f).querySelectorAll('button')].find((b) => b.textContent!.replace(/\s+/g, ' ').trim() === name) ?? null;
  const addTracks = async (f: ComponentFixture<Player>) => {
    const tracks = media.tracks(video(f));
    const nl = tracks.add({ kind: 'subtitles', label: 'Nederlands', language: 'nl', cues: CUES });
    const en = tracks.add({ kind: 'subtitles', label: 'English', language: 'en', cues: [] });
    tracks.add({ kind: 'metadata', label: 'id3', language: '', cues: [] });
    await settle(f);
    return { nl, en };
  };
  const at = async (f: ComponentFixture<Player>, t: number) => {
    video(f).currentTime = t;
    video(f).dispatchEvent(new Event('timeupdate'));
    await settle(f);
  };
  const key = async (f: ComponentFixture<Player>, target: Element, k: string) => {
    const e = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true });
    target.dispatchEvent(e);
    await settle(f);
    return e.defaultPrevented;
  };

  it('never starts by itself, and says so when the browser cannot play HLS at all', async () => {
    const f = await render();
    expect(media.plays).toBe(0);
    expect(video(f).autoplay).toBe(false);
    // jsdom has neither Media Source nor native HLS.
    expect(el(f).querySelector('[role=alert]')!.textContent).toContain('Deze browser kan de video niet afspelen');
  });

  it('offers captions in the page language, off at first; the button shows them and the choice is remembered', async () => {
    const f = await render();
    expect(button(f, 'Ondertiteling')).toBeNull(); // no tracks yet
    const { nl, en } = await addTracks(f);
    const cc = button(f, 'Ondertiteling')!;
    expect(cc.getAttribute('aria-pressed')).toBe('false');
    expect([nl.mode, en.mode]).toEqual(['hidden', 'disabled']); // loaded for the transcript, not shown
    cc.click();
    await settle(f);
    expect(cc.getAttribute('aria-pressed')).toBe('true');
    expect([nl.mode, en.mode]).toEqual(['showing', 'disabled']);
    expect(JSON.parse(localStorage.getItem('captions')!)).toEqual({ on: true, language: 'nl' });

    const select = el(f).querySelector<HTMLSelectElement>('select[id$="-lang"]')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Nederlands', 'English']);
    select.value = '1';
    select.dispatchEvent(new Event('change'));
    await settle(f);
    expect([nl.mode, en.mode]).toEqual(['disabled', 'showing']);
  });

  it('reads the transcript from the caption cues when none is published, highlights the line playing and jumps from a line', async () => {
    const f = await render();
    await addTracks(f);
    await at(f, 6);
    const lines = [...el(f).querySelectorAll<HTMLButtonElement>('.lines button')];
    expect(lines.map((b) => b.textContent!.replace(/\s+/g, ' ').trim())).toEqual(['0:00 Open de app.', '0:05 Tik op Mijn boeken & kies.', '0:10 Klaar.']);
    expect(lines.map((b) => b.getAttribute('aria-current'))).toEqual([null, 'true', null]);
    lines[2].click();
    await settle(f);
    expect(video(f).currentTime).toBe(10);
    expect(lines.map((b) => b.getAttribute('aria-current'))).toEqual([null, null, 'true']);
  });

  it('prefers the published transcript and jumps from chapters', async () => {
    const transcript: TimedText[] = [{ startS: 1, text: 'Welkom bij de bibliotheek.' }];
    const f = await render({ transcript, chapters: [{ startS: 0, title: 'Inloggen' }, { startS: 42, title: 'Verlengen' }] });
    const { nl } = await addTracks(f);
    expect(nl.mode).toBe('disabled'); // not needed for reading along
    expect([...el(f).querySelectorAll('.lines button')].map((b) => b.textContent!.trim())).toEqual(['0:01 Welkom bij de bibliotheek.']);
    button(f, '0:42 Verlengen')!.click();
    await settle(f);
    expect(video(f).currentTime).toBe(42);
    expect(button(f, '0:42 Verlengen')!.getAttribute('aria-current')).toBe('true');
  });

  it('answers the shortcuts while the focus is inside it, and leaves Space on a button to the button', async () => {
    const f = await render();
    await addTracks(f);
    const slider = el(f).querySelector('input[type=range]')!;
    expect(await key(f, slider, ' ')).toBe(true);
    expect(video(f).paused).toBe(false);
    expect(el(f).querySelector('p[role=status]')!.textContent).toBe('De video speelt');
    expect(await key(f, slider, 'k')).toBe(true);
    expect(video(f).paused).toBe(true);

    await at(f, 30);
    await key(f, slider, 'ArrowRight');
    expect(video(f).currentTime).toBe(40);
    await key(f, slider, 'ArrowLeft');
    await key(f, slider, 'ArrowLeft');
    expect(video(f).currentTime).toBe(20);
    expect(el(f).querySelector('p[role=status]')!.textContent).toBe('Op 0 min. 20 sec.');

    const play = button(f, 'Afspelen')!;
    expect(await key(f, play, ' ')).toBe(false); // the button's own click does it
    expect(await key(f, play, 'c')).toBe(true);
    expect(button(f, 'Ondertiteling')!.getAttribute('aria-pressed')).toBe('true');
    expect(await key(f, play, 'm')).toBe(true);
    expect(video(f).muted).toBe(true);
    expect(button(f, 'Geluid uit')!.getAttribute('aria-pressed')).toBe('true');
    expect(await key(f, play, 'Home')).toBe(true);
    expect(video(f).currentTime).toBe(0);

    const speed = el(f).querySelector('select[id$="-rate"]')!;
    expect(await key(f, speed, 'k')).toBe(false); // typing in the speed list
  });

  it('reports one anonymous view with the seconds watched when the patron leaves', async () => {
    const beacons: { url: string; body: Blob }[] = [];
    Object.defineProperty(navigator, 'sendBeacon', { configurable: true, value: (url: string, body: Blob) => beacons.push({ url, body }) > 0 });
    try {
      const f = await render({ viewsUrl: '/api/public/videos/v/views' });
      Object.defineProperty(video(f), 'duration', { configurable: true, value: 30 });
      video(f).dispatchEvent(new Event('durationchange'));
      await video(f).play();
      for (const t of [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5]) await at(f, t);
      video(f).pause();
      expect(beacons).toEqual([]); // a pause is not the end of a view
      f.destroy();
      expect(beacons.map((b) => b.url)).toEqual(['/api/public/videos/v/views']);
      expect(JSON.parse(await text(beacons[0].body))).toEqual({ watchedSeconds: 2.5, durationSeconds: 30 });
      expect(beacons[0].body.type).toBe('application/json');
    } finally {
      delete (navigator as { sendBeacon?: unknown }).sendBeacon;
    }
  });

  it('loads the storyboard for the scrubber previews', async () => {
    const f = await render({ storyboard: 'http://bieb.test/api/public/videos/v/files/hls/storyboard.vtt' });
    http.expectOne('http://bieb.test/api/public/videos/v/files/hls/storyboard.vtt').flush('WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nstoryboard.jpg#xywh=160,0,160,90\n');
    Object.defineProperty(video(f), 'duration', { configurable: true, value: 2 });
    video(f).dispatchEvent(new Event('durationchange'));
    await settle(f);
    const slider = el(f).querySelector<HTMLInputElement>('input[type=range]')!;
    slider.getBoundingClientRect = () => ({ left: 0, width: 200, top: 0, height: 40, right: 200, bottom: 40, x: 0, y: 0, toJSON: () => ({}) });
    slider.dispatchEvent(Object.assign(new MouseEvent('pointermove', { clientX: 100, bubbles: true })));
    await settle(f);
    const tile = el(f).querySelector<HTMLElement>('.preview .tile')!;
    expect(tile.style.backgroundImage).toContain('http://bieb.test/api/public/videos/v/files/hls/storyboard.jpg');
    expect(tile.style.backgroundPosition).toBe('-160px 0px');
    expect(el(f).querySelector('.preview span')!.textContent).toBe('0:01');
  });
});
