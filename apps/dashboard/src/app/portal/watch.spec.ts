import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { settle, setUpHttpTest } from '../shared/testing';
import { FakeMedia, installFakeMedia } from './player/testing';
import { video } from './testing';
import { PortalWatch } from './watch';

describe('PortalWatch', () => {
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

  const render = async (slug: string) => {
    const fixture = TestBed.createComponent(PortalWatch);
    fixture.componentRef.setInput('slug', slug);
    await settle(fixture);
    return { fixture, el: fixture.nativeElement as HTMLElement };
  };

  it('shows the video with its player, transcript and details, and names the tab after it', async () => {
    const { fixture, el } = await render('je-boeken-verlengen');
    expect(el.querySelector('[role=status]')!.textContent).toContain('Even geduld');
    http.expectOne('/api/public/videos/je-boeken-verlengen').flush(video({ chapters: [{ startS: 0, title: 'Inloggen' }] }));
    await settle(fixture);
    expect(el.querySelector('h1')!.textContent).toBe('Je boeken verlengen');
    expect(el.querySelector('h1')!.getAttribute('lang')).toBe('nl');
    expect(el.querySelector('portal-player [role=region]')!.getAttribute('aria-label')).toBe('Videospeler: Je boeken verlengen');
    expect([...el.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(['Hoofdstukken', 'Uitgeschreven tekst', 'Over deze video']);
    expect(el.querySelector('.about')!.textContent).toContain('3 min.');
    expect(el.querySelector('a[href="/reeks/digitaal-aan-de-slag"]')).not.toBeNull();
    expect(document.title).toBe('Je boeken verlengen · Bibliotheek Streams');
    expect(document.querySelector('meta[name=robots]')).toBeNull();
  });

  it('keeps an unlisted video out of search engines', async () => {
    const { fixture } = await render('je-boeken-verlengen');
    http.expectOne('/api/public/videos/je-boeken-verlengen').flush(video({ listed: false }));
    await settle(fixture);
    expect(document.querySelector('meta[name=robots]')!.getAttribute('content')).toBe('noindex');
    fixture.destroy();
    expect(document.querySelector('meta[name=robots]')).toBeNull();
  });

  it('says in Dutch that a video is not (or no longer) online', async () => {
    const { fixture, el } = await render('bestaat-niet');
    http.expectOne('/api/public/videos/bestaat-niet').flush({ message: 'There is no video at this address.' }, { status: 404, statusText: 'Not Found' });
    await settle(fixture);
    expect(el.querySelector('[role=alert]')!.textContent).toContain('Deze video bestaat niet of staat niet meer online.');
    expect(el.querySelector('a[href="/"]')!.textContent).toBe('Naar de startpagina');
    expect(el.querySelector('video')).toBeNull();
  });
});
