import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuthService } from '../auth/auth.service';
import { settle, setUpHttpTest } from '../shared/testing';
import { Episode } from './series.api';
import { SeriesBoard } from './series-board';

const episode = (over: Partial<Episode>): Episode => ({ id: 'e-1', seriesId: 's-1', title: 'Inloggen in de app', description: '', stage: 'idea', assigneeId: null, assigneeName: null, dueDate: null, notes: '', position: 0, ...over });

describe('SeriesBoard', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    http = setUpHttpTest({ router: true });
  });
  afterEach(() => http.verify());

  const render = async (episodes: Episode[]) => {
    TestBed.inject(AuthService).me.set({ id: 'u-2', email: 'p@x', name: 'Priya', roles: ['producer'] });
    const fixture = TestBed.createComponent(SeriesBoard);
    fixture.componentRef.setInput('id', 's-1');
    await settle(fixture);
    http.expectOne('/api/users').flush({ items: [{ id: 'u-2', name: 'Priya Producer' }] });
    http.expectOne('/api/series/s-1').flush({ id: 's-1', title: 'Zelf je boeken verlengen', description: '', episodes });
    await settle(fixture);
    return fixture;
  };
  const column = (f: { nativeElement: HTMLElement }, stage: string) =>
    [...f.nativeElement.querySelectorAll(`#col-${stage} + ul li.episode h3`)].map((h) => h.textContent!.trim());

  it('shows each episode in its stage, overdue ones marked', async () => {
    const fixture = await render([episode({ dueDate: '2020-01-15', assigneeName: 'Priya Producer' }), episode({ id: 'e-2', title: 'Verlengen', stage: 'review', dueDate: '2999-01-01' })]);
    expect(column(fixture, 'idea')).toEqual(['Inloggen in de app']);
    expect(column(fixture, 'review')).toEqual(['Verlengen']);
    const cards = fixture.nativeElement.querySelectorAll('li.episode');
    expect(cards[0].classList).toContain('overdue');
    expect(cards[0].textContent).toContain('Te laat');
    expect(cards[1].classList).not.toContain('overdue');
  });

  it('moves a card one stage with its button and announces it', async () => {
    const fixture = await render([episode({})]);
    const next = fixture.nativeElement.querySelector('button[aria-label="“Inloggen in de app” naar Script"]') as HTMLButtonElement;
    expect(fixture.nativeElement.querySelector('button[aria-label="“Inloggen in de app” naar Opnemen"]')).toBeNull();
    next.click();
    const req = http.expectOne('/api/episodes/e-1');
    expect(req.request.body).toEqual({ stage: 'script' });
    req.flush(episode({ stage: 'script' }));
    await settle(fixture);
    expect(column(fixture, 'script')).toEqual(['Inloggen in de app']);
    expect(fixture.nativeElement.querySelector('[aria-live=polite]').textContent).toContain('“Inloggen in de app” staat nu bij Script.');
  });

  it('keeps the card where it was and says why when the server refuses the move', async () => {
    const fixture = await render([episode({})]);
    (fixture.nativeElement.querySelector('button[aria-label="“Inloggen in de app” naar Script"]') as HTMLButtonElement).click();
    http.expectOne('/api/episodes/e-1').flush({ message: 'An episode moves one stage at a time.' }, { status: 409, statusText: 'Conflict' });
    await settle(fixture);
    expect(column(fixture, 'idea')).toEqual(['Inloggen in de app']);
    expect(fixture.nativeElement.querySelector('[role=alert]').textContent).toContain('An episode moves one stage at a time.');
  });

  it('accepts a dragged card only in the next or previous column', async () => {
    const fixture = await render([episode({})]);
    const card = fixture.nativeElement.querySelector('li.episode') as HTMLElement;
    const col = (stage: string) => fixture.nativeElement.querySelector(`#col-${stage}`)!.parentElement as HTMLElement;
    const drag = (type: string, target: HTMLElement) => {
      const e = new Event(type, { bubbles: true, cancelable: true });
      target.dispatchEvent(e);
      return e;
    };
    drag('dragstart', card);
    expect(drag('dragover', col('recording')).defaultPrevented).toBe(false);
    expect(drag('dragover', col('script')).defaultPrevented).toBe(true);
    drag('drop', col('script'));
    http.expectOne('/api/episodes/e-1').flush(episode({ stage: 'script' }));
    await settle(fixture);
    expect(column(fixture, 'script')).toEqual(['Inloggen in de app']);
  });

  it('asks for a title before adding an episode', async () => {
    const fixture = await render([]);
    expect(fixture.nativeElement.textContent).toContain('Deze reeks heeft nog geen afleveringen');
    fixture.nativeElement.querySelector('form.add').dispatchEvent(new Event('submit'));
    await settle(fixture);
    expect(fixture.nativeElement.querySelector('#e-title-error').textContent).toContain('Vul een titel in.');
    http.expectNone('/api/series/s-1/episodes');
  });
});
