import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { AuthService, Role } from '../auth/auth.service';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { LoadState } from '../shared/load-state';
import { Loader } from '../shared/loader';
import { problemOf } from '../shared/problem';
import { ServerErrors } from '../shared/server-errors';
import { AdminApi, ROLES, User } from './admin.api';

/** Staff accounts: who may do what; a deactivated account can no longer log in. */
@Component({
  selector: 'app-admin-users',
  imports: [ReactiveFormsModule, TranslatePipe, LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'stack' },
  template: `
    <p class="lead">{{ 'users.intro' | t }}</p>
    <app-load-state [loading]="users.loading()" [error]="users.error()" (retry)="users.load()" />
    @if (rowError() !== null) { <p class="alert" role="alert">{{ rowError() || ('shared.failed' | t) }}</p> }
    @if (users.value(); as list) {
      <div class="table-wrap">
        <table class="table">
          <caption class="visually-hidden">{{ 'admin.users' | t }}</caption>
          <thead><tr><th scope="col">{{ 'users.name' | t }}</th><th scope="col">{{ 'users.email' | t }}</th><th scope="col">{{ 'users.roles' | t }}</th><th scope="col">{{ 'users.state' | t }}</th><th scope="col"><span class="visually-hidden">{{ 'shared.actions' | t }}</span></th></tr></thead>
          <tbody>
            @for (u of list; track u.id) {
              <tr [class.inactive]="!u.active">
                <th scope="row">{{ u.name }}</th>
                <td>{{ u.email }}</td>
                <td>
                  @if (editing() === u.id) {
                    <fieldset class="roles">
                      <legend class="visually-hidden">{{ 'users.rolesOf' | t: { name: u.name } }}</legend>
                      @for (r of roles; track r) {
                        <label class="inline"><input type="checkbox" [checked]="editRoles().has(r)" (change)="toggleEditRole(r, $any($event.target).checked)" /> {{ roleLabel(r) | t }}</label>
                      }
                    </fieldset>
                  } @else {
                    {{ roleNames(u.roles) }}
                  }
                </td>
                <td>{{ (u.active ? 'users.active' : 'users.inactive') | t }}</td>
                <td class="actions">
                  @if (editing() === u.id) {
                    <button type="button" (click)="saveRoles(u)" [disabled]="busy() === u.id || !editRoles().size">{{ 'shared.save' | t }}</button>
                    <button type="button" class="secondary" (click)="editing.set(null)">{{ 'shared.cancel' | t }}</button>
                  } @else {
                    <button type="button" class="secondary" (click)="startEdit(u)" [attr.aria-label]="'users.editRolesNamed' | t: { name: u.name }">{{ 'users.editRoles' | t }}</button>
                    @if (u.id !== myId()) {
                      <button type="button" [class.danger]="u.active" [class.secondary]="!u.active" (click)="setActive(u, !u.active)" [disabled]="busy() === u.id"
                              [attr.aria-label]="(u.active ? 'users.deactivateNamed' : 'users.activateNamed') | t: { name: u.name }">
                        {{ (u.active ? 'users.deactivate' : 'users.activate') | t }}
                      </button>
                    }
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }

    <form class="card" [formGroup]="form" (ngSubmit)="create()" novalidate>
      <h2>{{ 'users.new' | t }}</h2>
      <div class="cols">
        <div class="field">
          <label for="u-name">{{ 'users.name' | t }}</label>
          <input id="u-name" formControlName="name" autocomplete="off" [attr.aria-invalid]="show('name')" aria-describedby="u-name-error" />
          @if (show('name') || errors.of('name').length) { <p class="field-error" id="u-name-error">{{ show('name') ? ('users.nameRequired' | t) : errors.of('name').join(' ') }}</p> }
        </div>
        <div class="field">
          <label for="u-email">{{ 'users.email' | t }}</label>
          <input id="u-email" type="email" formControlName="email" autocomplete="off" [attr.aria-invalid]="show('email')" aria-describedby="u-email-error" />
          @if (show('email') || errors.of('email').length) { <p class="field-error" id="u-email-error">{{ show('email') ? ('login.emailInvalid' | t) : errors.of('email').join(' ') }}</p> }
        </div>
        <div class="field">
          <label for="u-password">{{ 'users.password' | t }}</label>
          <input id="u-password" type="password" formControlName="password" autocomplete="new-password" [attr.aria-invalid]="show('password')" aria-describedby="u-password-error" />
          @if (show('password') || errors.of('password').length) { <p class="field-error" id="u-password-error">{{ show('password') ? ('users.passwordShort' | t) : errors.of('password').join(' ') }}</p> }
        </div>
      </div>
      <fieldset class="roles field" aria-describedby="u-roles-error">
        <legend>{{ 'users.roles' | t }}</legend>
        @for (r of roles; track r) {
          <label class="inline"><input type="checkbox" [checked]="newRoles().has(r)" (change)="toggleNewRole(r, $any($event.target).checked)" /> {{ roleLabel(r) | t }}</label>
        }
        @if ((submitted() && !newRoles().size) || errors.of('roles').length) { <p class="field-error" id="u-roles-error">{{ !newRoles().size ? ('users.rolesRequired' | t) : errors.of('roles').join(' ') }}</p> }
      </fieldset>
      @if (errors.message() !== null && !errors.hasFields()) { <p class="alert" role="alert">{{ errors.message() || ('shared.failed' | t) }}</p> }
      <button type="submit" [disabled]="busy() === 'new'">{{ 'users.add' | t }}</button>
    </form>
  `,
  styles: `
    .roles { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
    .roles legend { font-weight: 600; margin-bottom: .25rem; }
    .actions { display: flex; gap: .4rem; flex-wrap: wrap; }
    tr.inactive { color: var(--muted); }
  `,
})
export class AdminUsers {
  private readonly api = inject(AdminApi);
  private readonly i18n = inject(I18n);
  private readonly auth = inject(AuthService);
  protected readonly roles = ROLES;
  protected readonly users = new Loader(() => this.api.users());
  protected readonly myId = computed(() => this.auth.me()?.id);
  protected readonly editing = signal<string | null>(null);
  protected readonly editRoles = signal<ReadonlySet<Role>>(new Set());
  protected readonly newRoles = signal<ReadonlySet<Role>>(new Set());
  protected readonly busy = signal<string | null>(null);
  protected readonly rowError = signal<string | null>(null);
  protected readonly submitted = signal(false);
  protected readonly errors = new ServerErrors();
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(12)]],
  });

  constructor() {
    void this.users.load();
  }

  protected roleLabel(r: Role): MessageKey {
    return `role.${r}` as MessageKey;
  }
  protected roleNames(roles: Role[]): string {
    return roles.map((r) => this.i18n.t(this.roleLabel(r))).join(', ');
  }
  protected show(name: 'name' | 'email' | 'password'): boolean {
    const c = this.form.controls[name];
    return c.invalid && (c.touched || this.submitted());
  }
  private static toggled(set: ReadonlySet<Role>, r: Role, on: boolean): ReadonlySet<Role> {
    const next = new Set(set);
    if (on) next.add(r);
    else next.delete(r);
    return next;
  }
  protected toggleEditRole(r: Role, on: boolean): void {
    this.editRoles.update((s) => AdminUsers.toggled(s, r, on));
  }
  protected toggleNewRole(r: Role, on: boolean): void {
    this.newRoles.update((s) => AdminUsers.toggled(s, r, on));
  }

  protected startEdit(u: User): void {
    this.editRoles.set(new Set(u.roles));
    this.editing.set(u.id);
  }

  private async change(u: User, body: { roles?: Role[]; active?: boolean }): Promise<void> {
    this.busy.set(u.id);
    this.rowError.set(null);
    try {
      const saved = await this.api.updateUser(u.id, body);
      this.users.value.update((list) => list?.map((x) => (x.id === saved.id ? saved : x)) ?? null);
      this.editing.set(null);
    } catch (err) {
      this.rowError.set(problemOf(err).message);
    } finally {
      this.busy.set(null);
    }
  }

  protected saveRoles(u: User): Promise<void> {
    return this.change(u, { roles: [...this.editRoles()] });
  }

  protected async setActive(u: User, active: boolean): Promise<void> {
    if (!active && !confirm(this.i18n.t('users.deactivateConfirm', { name: u.name }))) return;
    await this.change(u, { active });
  }

  protected async create(): Promise<void> {
    this.submitted.set(true);
    this.errors.clear();
    if (this.form.invalid || !this.newRoles().size) return;
    this.busy.set('new');
    try {
      const v = this.form.getRawValue();
      const user = await this.api.createUser({ name: v.name.trim(), email: v.email.trim(), password: v.password, roles: [...this.newRoles()] });
      this.users.value.update((list) => [...(list ?? []), user]);
      this.form.reset();
      this.newRoles.set(new Set());
      this.submitted.set(false);
    } catch (err) {
      this.errors.set(err);
    } finally {
      this.busy.set(null);
    }
  }
}
