import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, viewChild } from '@angular/core';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter } from 'rxjs';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { publicApi } from './portal.api';

/** The frame of every public page: skip link, header with menu and language switch, footer. */
@Component({
  selector: 'portal-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'portal' },
  template: `
    <a class="skip" href="#main" (click)="toMain($event)">{{ 'portal.skip' | t }}</a>
    <header>
      <div class="bar">
        <a class="brand" routerLink="/">
          <svg viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="6" fill="#fff" /><path d="M12 9v14l11-7z" fill="#0b5394" /></svg>
          {{ 'app.name' | t }}
        </a>
        <nav [attr.aria-label]="'portal.menu' | t">
          <a routerLink="/" routerLinkActive="active" [routerLinkActiveOptions]="{ exact: true }" ariaCurrentWhenActive="page">{{ 'portal.start' | t }}</a>
          <a routerLink="/zoeken" routerLinkActive="active" ariaCurrentWhenActive="page">{{ 'portal.search' | t }}</a>
        </nav>
        <button type="button" class="lang" (click)="i18n.toggle()" [attr.lang]="i18n.lang() === 'nl' ? 'en' : 'nl'"
                [attr.aria-label]="'lang.switchLabel' | t">{{ 'lang.switch' | t }}</button>
      </div>
    </header>
    <main id="main" tabindex="-1" #main><router-outlet /></main>
    <footer>
      <a [href]="feed">{{ 'portal.feed' | t }}</a>
      <a routerLink="/login">{{ 'portal.staff' | t }}</a>
    </footer>
  `,
  styles: `
    :host { display: flex; flex-direction: column; min-height: 100vh; }
    .skip { position: absolute; left: -999rem; top: .5rem; background: #fff; color: #073763; padding: .75rem 1rem; z-index: 10; font-weight: 700; border-radius: 6px; }
    .skip:focus { left: .5rem; }
    header { background: #0b5394; color: #fff; }
    .bar { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.25rem; max-width: 72rem; margin: 0 auto; padding: .6rem 1rem; }
    .brand { display: inline-flex; align-items: center; gap: .6rem; color: #fff; font-weight: 700; font-size: 1.25rem; text-decoration: none; min-height: 3rem; }
    .brand svg { width: 2rem; height: 2rem; }
    nav { display: flex; flex-wrap: wrap; gap: .25rem; flex: 1; }
    nav a { color: #fff; text-decoration: none; padding: .6rem .9rem; border-radius: 8px; min-height: 3rem; display: inline-flex; align-items: center; }
    nav a:hover { background: rgba(255, 255, 255, .16); }
    nav a.active { background: #fff; color: #073763; font-weight: 700; }
    .lang { background: #fff; color: #073763; min-height: 3rem; font-weight: 600; }
    .lang:hover { background: #e3edf8; }
    main { flex: 1; width: 100%; max-width: 72rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
    main:focus { outline: none; box-shadow: none; }
    footer { display: flex; flex-wrap: wrap; gap: .5rem 2rem; justify-content: center; padding: 1.25rem 1rem; background: #e3e7ee; }
    footer a { color: #073763; min-height: 2.75rem; display: inline-flex; align-items: center; }
  `,
})
export class PortalLayout {
  protected readonly i18n = inject(I18n);
  protected readonly feed = publicApi.allFeed();
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  constructor() {
    // After moving to another page, start reading there (screen readers would otherwise stay on the old link).
    let previous = '';
    const sub = inject(Router)
      .events.pipe(filter((e): e is NavigationEnd => e instanceof NavigationEnd))
      .subscribe((e) => {
        const path = e.urlAfterRedirects.split(/[?#]/)[0];
        if (previous && path !== previous) this.main().nativeElement.focus({ preventScroll: false });
        previous = path;
      });
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
  }

  protected toMain(e: Event): void {
    e.preventDefault();
    this.main().nativeElement.focus();
  }
}
