import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { settle, setUpHttpTest } from '../shared/testing';
import { PortalHome } from './home';
import { Series } from './portal.api';
import { summary } from './testing';

const series: Series = {
  slug: 'digitaal-aan-de-slag', title: 'Digitaal aan de slag', description: 'Over de app.', audience: 'senioren', language: 'nl', category: '',
  videoCount: 1, latestPublishedAt: '2026-03-02T10:00:00Z', url: '', feedUrl: '',
};

describe('PortalHome', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    http = setUpHttpTest({ router: true });
  });
  afterEach(() => http.verify());

  const render = async () => {
    const fixture = TestBed.createComponent(PortalHome);
    await settle(fixture);
    return { fixture, el: fixture.nativeElement as HTMLElement };
  };
  const headings = (el: HTMLElement, sel: string) => [...el.querySelectorAll(sel)].map((h) => h.textContent!.trim());

  it('shows that it is loading, then the newest videos, the series, what is live now and what comes', async () => {
    const { fixture, el } = await render();
    expect(el.querySelector('[role=status]')!.textContent).toContain('Even geduld');
    http.expectOne('/api/public/videos').flush({ items: [summary(), summary({ slug: 'e-books', title: 'E-books lenen', posterUrl: null })], total: 2, page: 1, pageSize: 24 });
    http.expectOne('/api/public/series').flush({ items: [series] });
    http.expectOne('/api/public/live').flush({
      live: [{ slug: 'lezing-3f2504e0', title: 'Lezing over de stad', startedAt: '2026-03-02T19:00:00Z', playlist: '/api/live/x/index.m3u8' }],
      upcoming: [{ slug: 'spreekuur-4a2504e0', title: 'Spreekuur DigiD', start: '2026-03-09T13:00:00Z' }],
    });
    await settle(fixture);
    expect(el.querySelector('[role=status]')).toBeNull();
    expect(headings(el, 'h2')).toEqual(['Nu live', 'Nieuwste video’s', 'Reeksen', 'Binnenkort live']);
    expect(headings(el, 'portal-video-list h3')).toEqual(['Je boeken verlengen', 'E-books lenen']);
    expect(el.querySelectorAll('portal-video-list img').length).toBe(1); // no poster yet: no broken image
    expect(el.querySelector('portal-video-list .meta')!.textContent).toContain('3 min.');
    expect(el.querySelector('a[href="/reeks/digitaal-aan-de-slag"]')!.textContent).toBe('Digitaal aan de slag');
    expect(el.querySelector('a[href="/live/lezing-3f2504e0"]')).not.toBeNull();
    expect(el.querySelector('a[href="/live/spreekuur-4a2504e0"]')).not.toBeNull();
  });

  it('says when there are no videos yet', async () => {
    const { fixture, el } = await render();
    http.expectOne('/api/public/videos').flush({ items: [], total: 0, page: 1, pageSize: 24 });
    http.expectOne('/api/public/series').flush({ items: [] });
    http.expectOne('/api/public/live').flush({ live: [], upcoming: [] });
    await settle(fixture);
    expect(el.textContent).toContain('Er staan nog geen video’s online.');
    expect(headings(el, 'h2')).toEqual([]);
  });

  it('explains a failure in plain Dutch, and tries again on request', async () => {
    const { fixture, el } = await render();
    http.expectOne('/api/public/videos').flush({ message: 'boom' }, { status: 503, statusText: 'Unavailable' });
    http.expectOne('/api/public/series').flush({ items: [series] });
    http.expectOne('/api/public/live').flush({ message: 'boom' }, { status: 500, statusText: 'Error' });
    await settle(fixture);
    const alert = el.querySelector('[role=alert]')!;
    expect(alert.textContent).toContain('Dit lukt nu niet.');
    expect(alert.textContent).not.toContain('boom');
    (alert.querySelector('button') as HTMLButtonElement).click();
    await settle(fixture);
    http.expectOne('/api/public/videos').flush({ items: [summary()], total: 1, page: 1, pageSize: 24 });
    await settle(fixture);
    expect(el.querySelector('[role=alert]')).toBeNull();
    expect(headings(el, 'portal-video-list h3')).toEqual(['Je boeken verlengen']);
    expect(headings(el, 'h2')).not.toContain('Nu live'); // live is an extra: its failure is not shown
  });
});
