import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuthService } from '../auth/auth.service';
import { settle, setUpHttpTest } from '../shared/testing';
import { AdminUsers } from './admin-users';

const users = [
  { id: 'u-admin', email: 'admin@demo.library', name: 'Anna Admin', roles: ['admin'], active: true },
  { id: 'u-eva', email: 'editor@demo.library', name: 'Eva Editor', roles: ['editor'], active: true },
];

describe('AdminUsers', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    http = setUpHttpTest();
    TestBed.inject(AuthService).me.set({ id: 'u-admin', email: 'admin@demo.library', name: 'Anna Admin', roles: ['admin'] });
  });
  afterEach(() => http.verify());

  const render = async () => {
    const fixture = TestBed.createComponent(AdminUsers);
    await settle(fixture);
    http.expectOne((r) => r.url === '/api/users' && r.params.get('includeInactive') === 'true').flush({ items: users });
    await settle(fixture);
    return fixture;
  };
  const type = (f: { nativeElement: HTMLElement }, id: string, value: string) => {
    const input = f.nativeElement.querySelector(`#${id}`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const byLabel = (f: { nativeElement: HTMLElement }, label: string) =>
    [...f.nativeElement.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === label || b.textContent!.trim() === label) as HTMLButtonElement | undefined;

  it('needs a name, a valid address, a 12-character password and a role', async () => {
    const fixture = await render();
    type(fixture, 'u-password', 'short');
    fixture.nativeElement.querySelector('form').dispatchEvent(new Event('submit'));
    await settle(fixture);
    expect(fixture.nativeElement.querySelector('#u-name-error').textContent).toContain('Vul een naam in.');
    expect(fixture.nativeElement.querySelector('#u-password-error').textContent).toContain('minstens 12 tekens');
    expect(fixture.nativeElement.querySelector('#u-roles-error').textContent).toContain('Kies minstens één rol.');
    http.expectNone({ method: 'POST', url: '/api/users' });
  });

  it('creates an account and shows the server’s answer to a taken address', async () => {
    const fixture = await render();
    type(fixture, 'u-name', 'Jan Jansen');
    type(fixture, 'u-email', 'jan@bibliotheek.nl');
    type(fixture, 'u-password', 'een-lang-wachtwoord');
    const producer = [...fixture.nativeElement.querySelectorAll('form label')].find((l) => l.textContent!.includes('producent'))!.querySelector('input') as HTMLInputElement;
    producer.click();
    fixture.nativeElement.querySelector('form').dispatchEvent(new Event('submit'));
    const req = http.expectOne({ method: 'POST', url: '/api/users' });
    expect(req.request.body).toEqual({ name: 'Jan Jansen', email: 'jan@bibliotheek.nl', password: 'een-lang-wachtwoord', roles: ['producer'] });
    req.flush({ statusCode: 409, message: 'An account with this e-mail address exists.' }, { status: 409, statusText: 'Conflict' });
    await settle(fixture);
    expect(fixture.nativeElement.querySelector('form [role=alert]').textContent).toContain('An account with this e-mail address exists.');
  });

  it('asks before deactivating someone, and never offers it for one’s own account', async () => {
    const fixture = await render();
    expect(byLabel(fixture, 'Anna Admin uitschakelen')).toBeUndefined();
    const confirm = jest.spyOn(window, 'confirm').mockReturnValueOnce(true);
    byLabel(fixture, 'Eva Editor uitschakelen')!.click();
    expect(confirm.mock.calls[0][0]).toContain('Eva Editor');
    const req = http.expectOne({ method: 'PATCH', url: '/api/users/u-eva' });
    expect(req.request.body).toEqual({ active: false });
    req.flush({ ...users[1], active: false });
    await settle(fixture);
    expect(fixture.nativeElement.querySelectorAll('tbody tr')[1].textContent).toContain('Uitgeschakeld');
  });
});
