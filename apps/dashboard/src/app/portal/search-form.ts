import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { Router } from '@angular/router';
import { TranslatePipe } from '../i18n/i18n';

/** The search box: one field and a button; searching opens /zoeken?q=… */
@Component({
  selector: 'portal-search-form',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form role="search" (submit)="search($event)">
      <label for="portal-q">{{ 'portal.search.label' | t }}</label>
      <p id="portal-q-hint" class="hint">{{ 'portal.search.hint' | t }}</p>
      <div class="row">
        <input id="portal-q" type="search" name="q" [value]="text()" (input)="text.set($any($event.target).value)"
               aria-describedby="portal-q-hint" autocomplete="off" enterkeyhint="search" />
        <button type="submit">{{ 'portal.search' | t }}</button>
      </div>
    </form>
  `,
  styles: `
    form { background: #fff; padding: 1rem 1.25rem; border-radius: 10px; box-shadow: 0 1px 4px rgba(0,0,0,.14); max-width: 46rem; }
    label { font-size: 1.1rem; }
    .hint { margin: 0 0 .5rem; color: #4a4f57; }
    .row { display: flex; flex-wrap: wrap; gap: .5rem; }
    input { flex: 1 1 14rem; min-height: 3rem; font-size: 1.1rem; border: 2px solid #5c6370; }
    button { min-height: 3rem; padding: .5rem 1.5rem; font-size: 1.1rem; font-weight: 600; }
  `,
})
export class SearchForm {
  readonly q = input('');
  protected readonly text = signal('');
  private readonly router = inject(Router);

  constructor() {
    effect(() => this.text.set(this.q()));
  }

  protected search(e: Event): void {
    e.preventDefault();
    const q = this.text().trim();
    void this.router.navigate(['/zoeken'], { queryParams: q ? { q } : {} });
  }
}
