import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthService, Role } from '../auth/auth.service';
import { TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';

/** The admin sections, and who may change them (the API decides the same). */
export const ADMIN_SECTIONS: { path: string; label: MessageKey; roles: Role[] }[] = [
  { path: 'rooms', label: 'admin.rooms', roles: ['planner'] },
  { path: 'equipment', label: 'admin.equipment', roles: ['planner', 'producer'] },
  { path: 'checklists', label: 'admin.checklists', roles: ['planner'] },
  { path: 'users', label: 'admin.users', roles: ['admin'] },
  { path: 'weights', label: 'admin.weights', roles: ['admin'] },
];

@Component({
  selector: 'app-admin',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'admin.title' | t }}</h1>
    <nav class="tabs" [attr.aria-label]="'admin.sections' | t">
      @for (s of sections(); track s.path) {
        <a [routerLink]="s.path" routerLinkActive="active" ariaCurrentWhenActive="page">{{ s.label | t }}</a>
      }
    </nav>
    <router-outlet />
  `,
  styles: `
    .tabs { display: flex; flex-wrap: wrap; gap: .25rem; border-bottom: 2px solid #d5d9e0; margin-bottom: 1.25rem; }
    .tabs a { padding: .5rem .9rem; text-decoration: none; border-radius: 6px 6px 0 0; }
    .tabs a.active { background: var(--brand); color: #fff; }
  `,
})
export class Admin {
  private readonly auth = inject(AuthService);
  protected readonly sections = computed(() => (this.auth.me() ? ADMIN_SECTIONS.filter((s) => this.auth.can(...s.roles)) : []));
}
