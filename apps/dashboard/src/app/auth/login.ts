import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { AuthService } from './auth.service';

@Component({
  selector: 'app-login',
  imports: [ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="login">
      <div class="top">
        <span class="brand">{{ 'app.name' | t }}</span>
        <button type="button" class="secondary" (click)="i18n.toggle()" [attr.aria-label]="'lang.switchLabel' | t">{{ 'lang.switch' | t }}</button>
      </div>
      <form class="card" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <h1>{{ 'login.title' | t }}</h1>
        @if (error()) {
          <p class="alert" role="alert">{{ error()! | t }}</p>
        }
        <div class="field">
          <label for="email">{{ 'login.email' | t }}</label>
          <input id="email" type="email" formControlName="email" autocomplete="username"
                 [attr.aria-invalid]="showError('email')" aria-describedby="email-error" />
          @if (showError('email')) {
            <p class="field-error" id="email-error">{{ (form.controls.email.hasError('required') ? 'login.emailRequired' : 'login.emailInvalid') | t }}</p>
          }
        </div>
        <div class="field">
          <label for="password">{{ 'login.password' | t }}</label>
          <input id="password" type="password" formControlName="password" autocomplete="current-password"
                 [attr.aria-invalid]="showError('password')" aria-describedby="password-error" />
          @if (showError('password')) {
            <p class="field-error" id="password-error">{{ 'login.passwordRequired' | t }}</p>
          }
        </div>
        <button type="submit" [disabled]="busy()">{{ (busy() ? 'login.busy' : 'login.submit') | t }}</button>
      </form>
    </main>
  `,
  styles: `
    .login { max-width: 26rem; margin: 0 auto; padding: 2rem 1rem; }
    .top { display: flex; justify-content: space-between; align-items: center; margin-bottom: 1.5rem; }
    .brand { font-weight: 700; font-size: 1.25rem; color: var(--brand); }
    h1 { font-size: 1.4rem; margin-top: 0; }
    form button[type=submit] { width: 100%; }
  `,
})
export class Login {
  readonly returnUrl = input<string>('/staff');
  protected readonly i18n = inject(I18n);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected readonly busy = signal(false);
  protected readonly error = signal<MessageKey | null>(null);
  protected readonly submitted = signal(false);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  protected showError(name: 'email' | 'password'): boolean {
    const c = this.form.controls[name];
    return c.invalid && (c.touched || this.submitted());
  }

  async submit(): Promise<void> {
    this.submitted.set(true);
    this.error.set(null);
    if (this.form.invalid) return;
    this.busy.set(true);
    try {
      const { email, password } = this.form.getRawValue();
      await this.auth.login(email, password);
      await this.router.navigateByUrl(this.returnUrl() || '/staff');
    } catch (err) {
      const status = err instanceof HttpErrorResponse ? err.status : 0;
      this.error.set(status === 401 ? 'login.failed' : status === 429 ? 'login.tooMany' : 'login.offline');
    } finally {
      this.busy.set(false);
    }
  }
}
