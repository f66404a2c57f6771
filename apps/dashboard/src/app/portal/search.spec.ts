import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { settle, setUpHttpTest } from '../shared/testing';
import { summary } from './testing';
import { PortalSearch } from './search';

describe('PortalSearch', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    http = setUpHttpTest({ router: true });
  });
  afterEach(() => http.verify());

  const render = async (q?: string, page?: string) => {
    const fixture = TestBed.createComponent(PortalSearch);
    if (q !== undefined) fixture.componentRef.setInput('q', q);
    if (page !== undefined) fixture.componentRef.setInput('page', page);
    await settle(fixture);
    return { fixture, el: fixture.nativeElement as HTMLElement };
  };

  it('searches for the words in the address and says how many it found', async () => {
    const { fixture, el } = await render('  verlengen ');
    expect((el.querySelector('#portal-q') as HTMLInputElement).value).toBe('verlengen');
    http.expectOne('/api/public/videos?q=verlengen').flush({ items: [summary()], total: 1, page: 1, pageSize: 24 });
    await settle(fixture);
    expect(el.querySelector('div[role=status]')!.textContent!.trim()).toBe('1 video gevonden voor “verlengen”');
    expect([...el.querySelectorAll('h2')].map((h) => h.textContent!.trim())).toEqual(['Je boeken verlengen']);
    expect(document.title).toBe('Zoeken: verlengen · Bibliotheek Streams');
  });

  it('says plainly when nothing matched and offers all videos', async () => {
    const { fixture, el } = await render('quantumfysica');
    http.expectOne('/api/public/videos?q=quantumfysica').flush({ items: [], total: 0, page: 1, pageSize: 24 });
    await settle(fixture);
    expect(el.querySelector('div[role=status]')!.textContent!.trim()).toBe('Geen video’s gevonden voor “quantumfysica”.');
    expect(el.querySelector('a[href="/zoeken"]')!.textContent).toBe('Alle video’s bekijken');
  });

  it('pages through many results', async () => {
    const { fixture, el } = await render('app', '2');
    http.expectOne('/api/public/videos?q=app&page=2').flush({ items: [summary()], total: 50, page: 2, pageSize: 24 });
    await settle(fixture);
    const nav = el.querySelector('nav')!;
    expect(nav.textContent).toContain('Pagina 2 van 3');
    expect(nav.querySelector('a[href="/?q=app&page=1"]')!.textContent).toBe('Vorige pagina');
    expect(nav.querySelector('a[href="/?q=app&page=3"]')!.textContent).toBe('Volgende pagina');
  });

  it('lists every video without words, and searches from the form', async () => {
    const { fixture, el } = await render();
    http.expectOne('/api/public/videos').flush({ items: [summary()], total: 1, page: 1, pageSize: 24 });
    await settle(fixture);
    expect(el.querySelector('div[role=status]')!.textContent!.trim()).toBe('Alle video’s (1)');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const input = el.querySelector('#portal-q') as HTMLInputElement;
    input.value = ' e-books ';
    input.dispatchEvent(new Event('input'));
    el.querySelector('form')!.dispatchEvent(new Event('submit'));
    expect(navigate).toHaveBeenCalledWith(['/zoeken'], { queryParams: { q: 'e-books' } });
  });

  it('shows a failure and tries again', async () => {
    const { fixture, el } = await render('app');
    http.expectOne('/api/public/videos?q=app').flush(null, { status: 0, statusText: 'offline' });
    await settle(fixture);
    expect(el.querySelector('[role=alert]')!.textContent).toContain('Controleer je internetverbinding');
    (el.querySelector('[role=alert] button') as HTMLButtonElement).click();
    await settle(fixture);
    http.expectOne('/api/public/videos?q=app').flush({ items: [], total: 0, page: 1, pageSize: 24 });
    await settle(fixture);
    expect(el.querySelector('[role=alert]')).toBeNull();
  });
});
