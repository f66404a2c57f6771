import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { AuthService } from '../auth/auth.service';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { ROLE_CARDS } from '../shell/nav';

@Component({
  selector: 'app-home',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'home.welcome' | t: { name: auth.me()?.name ?? '' } }}</h1>
    <p>{{ 'home.roles' | t: { roles: roleNames() } }}</p>
    <p>{{ 'home.intro' | t }}</p>
    <ul class="cards">
      @for (card of cards(); track card.description) {
        <li class="card">{{ card.description | t }}</li>
      }
    </ul>
  `,
  styles: `
    .cards { list-style: none; padding: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); }
  `,
})
export class Home {
  protected readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);
  protected readonly cards = computed(() => (this.auth.me() ? ROLE_CARDS.filter((c) => this.auth.can(c.role)) : []));
  protected readonly roleNames = computed(() =>
    (this.auth.me()?.roles ?? []).map((r) => this.i18n.t(`role.${r}` as MessageKey)).join(', '),
  );
}
