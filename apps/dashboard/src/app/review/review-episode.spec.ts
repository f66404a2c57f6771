import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuthService } from '../auth/auth.service';
import { settle, setUpHttpTest } from '../shared/testing';
import { Publication } from './review.api';
import { ReviewEpisode } from './review-episode';

const publication = (over: Partial<Publication> = {}): Publication => ({
  episodeId: 'e-1',
  state: 'in_review',
  visibility: null,
  slug: null,
  publicUrl: null,
  publishAt: null,
  unpublishAt: null,
  publishedAt: null,
  reviewComment: null,
  asset: null,
  publishedAssetId: null,
  allowedActions: ['approve', 'reject', 'retire'],
  tags: [],
  ...over,
});

describe('ReviewEpisode', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    http = setUpHttpTest({ router: true });
  });
  afterEach(() => http.verify());

  const render = async (pub: Publication) => {
    TestBed.inject(AuthService).me.set({ id: 'u-4', email: 'e@x', name: 'Eva', roles: ['editor'] });
    const fixture = TestBed.createComponent(ReviewEpisode);
    fixture.componentRef.setInput('id', 'e-1');
    await settle(fixture);
    http.expectOne('/api/users').flush({ items: [{ id: 'u-4', name: 'Eva Editor' }] });
    http.expectOne('/api/episodes/e-1').flush({ id: 'e-1', seriesId: 's-1', title: 'Inloggen in de app', description: '', stage: 'review' });
    http.expectOne('/api/episodes/e-1/publication').flush(pub);
    http
      .expectOne((r) => r.url === '/api/audit')
      .flush({ items: [{ id: '1', at: '2026-05-01T09:00:00Z', actorId: 'u-4', action: 'publication.rejected', before: null, after: { comment: 'Geluid te zacht' } }], total: 1 });
    await settle(fixture);
    return fixture;
  };
  const el = (f: { nativeElement: HTMLElement }, s: string) => f.nativeElement.querySelector(s) as HTMLElement;
  const button = (f: { nativeElement: HTMLElement }, text: string) =>
    [...f.nativeElement.querySelectorAll('button')].find((b) => b.textContent!.trim() === text) as HTMLButtonElement;

  it('shows the history with names and the editor’s comment', async () => {
    const fixture = await render(publication());
    expect(el(fixture, '.audit').textContent).toMatch(/Teruggestuurd · “Geluid te zacht” · Eva Editor/);
  });

  it('asks for a comment before sending an episode back', async () => {
    const fixture = await render(publication());
    button(fixture, 'Terugsturen naar de producent').click();
    await settle(fixture);
    expect(el(fixture, '#r-comment-error').textContent).toContain('Schrijf kort wat er anders moet.');
    http.expectNone('/api/episodes/e-1/reject');
  });

  it('checks the publish form, then schedules in Dutch time', async () => {
    const fixture = await render(publication({ state: 'approved', allowedActions: ['publish', 'reject', 'retire'] }));
    button(fixture, 'Nu publiceren').click();
    await settle(fixture);
    expect(el(fixture, '#p-visibility-error').textContent).toContain('Kies wie de video mag zien.');
    http.expectNone('/api/episodes/e-1/publish');

    const choose = (label: string) =>
      ([...fixture.nativeElement.querySelectorAll('label.choice')] as HTMLElement[]).find((l) => l.textContent!.includes(label))!.querySelector('input')!.click();
    choose('Openbaar');
    choose('Op een later moment');
    await settle(fixture);
    const at = el(fixture, '#p-at') as HTMLInputElement;
    at.value = '2999-01-15T10:00';
    at.dispatchEvent(new Event('input'));
    await settle(fixture);
    button(fixture, 'Publicatie inplannen').click();
    await settle(fixture);
    const req = http.expectOne('/api/episodes/e-1/publish');
    expect(req.request.body).toEqual({ visibility: 'public', publishAt: '2999-01-15T09:00:00.000Z' });
    req.flush(publication({ state: 'approved', visibility: 'public', publishAt: '2999-01-15T09:00:00.000Z', allowedActions: ['publish', 'unpublish', 'cancel_schedule'] }));
    await settle(fixture);
    http.expectOne((r) => r.url === '/api/audit').flush({ items: [], total: 0 });
    await settle(fixture);
    expect(el(fixture, '.success').textContent).toContain('Ingepland: de video komt online op');
  });

  it('shows the server’s reason when publishing is refused', async () => {
    const fixture = await render(publication({ state: 'approved', visibility: 'public', allowedActions: ['publish'] }));
    button(fixture, 'Nu publiceren').click();
    await settle(fixture);
    http.expectOne('/api/episodes/e-1/publish').flush({ message: 'The recording is still being processed (processing).' }, { status: 409, statusText: 'Conflict' });
    await settle(fixture);
    expect(el(fixture, '[role=alert]').textContent).toContain('The recording is still being processed');
  });
});
