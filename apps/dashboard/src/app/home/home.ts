import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { NAV, ROLE_CARDS } from '../shell/nav';

@Component({
  selector: 'app-home',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'home.welcome' | t: { name: auth.me()?.name ?? '' } }}</h1>
    <p>{{ 'home.roles' | t: { roles: roleNames() } }}</p>
    <p>{{ 'home.intro' | t }}</p>
    <ul class="cards">
      @for (card of cards(); track card.description) {
        <li class="card">
          @if (card.nav; as nav) {
            <a [routerLink]="nav.path"><strong>{{ nav.label | t }}</strong></a>
          }
          <p>{{ card.description | t }}</p>
        </li>
      }
    </ul>
  `,
  styles: `
    .cards p { margin: .25rem 0 0; }
    .cards { list-style: none; padding: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); }
  `,
})
export class Home {
  protected readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);
  /** Each card links to the screen that does the work, once that screen is in the menu. */
  protected readonly cards = computed(() =>
    this.auth.me() ? ROLE_CARDS.filter((c) => this.auth.can(c.role)).map((c) => ({ ...c, nav: NAV.find((n) => n.description === c.description) })) : [],
  );
  protected readonly roleNames = computed(() =>
    (this.auth.me()?.roles ?? []).map((r) => this.i18n.t(`role.${r}` as MessageKey)).join(', '),
  );
}
