import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { authInterceptor } from './auth.interceptor';
import { Login } from './login';

describe('Login', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [Login],
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  const render = async () => {
    const fixture = TestBed.createComponent(Login);
    await fixture.whenStable();
    return fixture;
  };
  const type = (el: HTMLElement, selector: string, value: string) => {
    const input = el.querySelector<HTMLInputElement>(selector)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };

  it('shows what is missing instead of sending an empty form', async () => {
    const fixture = await render();
    fixture.nativeElement.querySelector('form').dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('#email-error').textContent).toContain('Vul je e-mailadres in.');
    expect(fixture.nativeElement.querySelector('#password-error').textContent).toContain('Vul je wachtwoord in.');
    http.expectNone('/api/auth/login');
  });

  it('shows the login failure the server reports', async () => {
    const fixture = await render();
    type(fixture.nativeElement, '#email', 'planner@demo.library');
    type(fixture.nativeElement, '#password', 'wrong');
    fixture.nativeElement.querySelector('form').dispatchEvent(new Event('submit'));
    http.expectOne('/api/auth/login').flush({ message: 'no' }, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('[role=alert]').textContent).toContain('E-mailadres of wachtwoord klopt niet.');
  });

  it('stores the session and goes to the overview after a good login', async () => {
    const fixture = await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    type(fixture.nativeElement, '#email', 'planner@demo.library');
    type(fixture.nativeElement, '#password', 'demo-library');
    fixture.nativeElement.querySelector('form').dispatchEvent(new Event('submit'));
    http.expectOne('/api/auth/login').flush({ accessToken: 'token-1', expiresIn: 60 });
    await Promise.resolve();
    const me = http.expectOne('/api/auth/me');
    expect(me.request.headers.get('Authorization')).toBe('Bearer token-1');
    me.flush({ id: '1', email: 'planner@demo.library', name: 'Pieter', roles: ['planner'] });
    await fixture.whenStable();
    expect(sessionStorage.getItem('accessToken')).toBe('token-1');
    expect(navigate).toHaveBeenCalledWith('/staff');
  });
});
