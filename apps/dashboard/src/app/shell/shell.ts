import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { NAV } from './nav';

@Component({
  selector: 'app-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip" href="#main">Skip to content</a>
    <header>
      <a class="brand" routerLink="/staff">{{ 'app.name' | t }}</a>
      <nav [attr.aria-label]="'nav.label' | t">
        <a routerLink="/staff" routerLinkActive="active" [routerLinkActiveOptions]="{ exact: true }">{{ 'nav.home' | t }}</a>
        @for (item of items(); track item.path) {
          <a [routerLink]="item.path" routerLinkActive="active">{{ item.label | t }}</a>
        }
      </nav>
      <div class="user">
        <span class="name">{{ auth.me()?.name }}</span>
        <button type="button" class="secondary" (click)="i18n.toggle()" [attr.aria-label]="'lang.switchLabel' | t">{{ 'lang.switch' | t }}</button>
        <button type="button" class="secondary" (click)="logout()">{{ 'nav.logout' | t }}</button>
      </div>
    </header>
    <main id="main" tabindex="-1"><router-outlet /></main>
  `,
  styles: `
    .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; z-index: 10; }
    .skip:focus { left: .5rem; }
    header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .75rem 1.25rem; background: var(--brand); color: #fff; }
    .brand { color: #fff; font-weight: 700; font-size: 1.15rem; text-decoration: none; }
    nav { display: flex; gap: .25rem; flex: 1 1 auto; flex-wrap: wrap; }
    nav a { color: #fff; text-decoration: none; padding: .4rem .7rem; border-radius: 6px; white-space: nowrap; }
    nav a.active, nav a:hover { background: rgba(255,255,255,.18); }
    .user { display: flex; gap: .5rem; align-items: center; margin-left: auto; }
    /* Tablets: name and buttons beside the brand, the menu as one row of links underneath. */
    @media (max-width: 1100px) {
      nav { order: 3; flex-basis: 100%; margin: 0 -.7rem; }
    }
    main { padding: 1.5rem 1.25rem; max-width: 80rem; margin: 0 auto; }
  `,
})
export class Shell {
  protected readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18n);
  private readonly router = inject(Router);
  protected readonly items = computed(() => (this.auth.me() ? NAV.filter((i) => this.auth.can(...i.roles)) : []));

  logout(): void {
    this.auth.logout();
    void this.router.navigate(['/login']);
  }
}
