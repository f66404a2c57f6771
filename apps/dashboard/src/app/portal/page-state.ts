import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';

/** What a page's read is doing: the parts of an httpResource the page state needs. */
export interface Read {
  isLoading(): boolean;
  hasValue(): boolean;
  error(): unknown;
  reload(): boolean;
}

/** Loading, "not found" and failure of a portal page, in the patron's language (not the API's English). */
@Component({
  selector: 'portal-page-state',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (state() === 'missing') {
      <div class="notice" role="alert">
        <p>{{ notFound() | t }}</p>
        <p><a routerLink="/">{{ 'portal.toStart' | t }}</a></p>
      </div>
    } @else if (state() === 'failed') {
      <div class="notice" role="alert">
        <p>{{ 'portal.failed' | t }}</p>
        <button type="button" (click)="retry()">{{ 'portal.retry' | t }}</button>
      </div>
    } @else if (state() === 'loading') {
      <p class="loading" role="status">{{ 'portal.loading' | t }}</p>
    }
  `,
  styles: `
    .notice { padding: 1rem 1.25rem; border-radius: 8px; background: #fff4d6; border: 1px solid #e0c068; color: #3d2a00; }
    .notice p { margin: 0 0 .75rem; }
    .notice p:last-child { margin: 0; }
    .loading { font-size: 1.1rem; }
  `,
})
export class PageState {
  readonly reads = input.required<Read[]>();
  readonly notFound = input<MessageKey>('portal.video.notFound');

  protected readonly state = computed(() => {
    const reads = this.reads();
    const errors = reads.map((r) => r.error()).filter((e) => e != null);
    if (errors.some((e) => e instanceof HttpErrorResponse && e.status === 404)) return 'missing';
    if (errors.length) return 'failed';
    return reads.some((r) => r.isLoading() && !r.hasValue()) ? 'loading' : 'ready';
  });

  protected retry(): void {
    for (const r of this.reads()) if (r.error() != null) r.reload();
  }
}

/** Keeps the browser tab's title on the page's subject, in the chosen language (WCAG 2.4.2). */
export function pageTitle(text: () => string | null): void {
  const title = inject(Title);
  const i18n = inject(I18n);
  effect(() => {
    const t = text();
    title.setTitle(t ? `${t} · ${i18n.t('app.name')}` : i18n.t('app.name'));
  });
}
