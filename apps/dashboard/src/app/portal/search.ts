import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { PageState, pageTitle } from './page-state';
import { publicApi, VideoPage } from './portal.api';
import { SearchForm } from './search-form';
import { VideoList } from './video-list';

/** /zoeken?q=…&page=…: search results, best match first; without words, every video, newest first. */
@Component({
  selector: 'portal-search',
  imports: [RouterLink, TranslatePipe, PageState, SearchForm, VideoList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'portal.search.title' | t }}</h1>
    <portal-search-form [q]="words()" />

    <div class="summary" role="status">
      @if (results.hasValue()) {
        @if (!words()) {
          {{ 'portal.search.all' | t: { count: results.value().total } }}
        } @else if (results.value().total === 1) {
          {{ 'portal.search.result1' | t: { q: words() } }}
        } @else if (results.value().total) {
          {{ 'portal.search.results' | t: { count: results.value().total, q: words() } }}
        } @else {
          {{ 'portal.search.none' | t: { q: words() } }}
        }
      }
    </div>
    <portal-page-state [reads]="[results]" />
    @if (results.hasValue()) {
      @if (results.value().items.length) {
        <portal-video-list [videos]="results.value().items" [headingLevel]="2" />
      } @else {
        <p>{{ 'portal.search.noneHelp' | t }} <a routerLink="/zoeken">{{ 'portal.home.allVideos' | t }}</a></p>
      }
      @if (pages() > 1) {
        <nav class="pages" [attr.aria-label]="'portal.search.pages' | t">
          @if (pageNumber() > 1) {
            <a [routerLink]="[]" [queryParams]="{ q: words() || null, page: pageNumber() - 1 }">{{ 'portal.search.previous' | t }}</a>
          }
          <span>{{ 'portal.search.page' | t: { page: pageNumber(), pages: pages() } }}</span>
          @if (pageNumber() < pages()) {
            <a [routerLink]="[]" [queryParams]="{ q: words() || null, page: pageNumber() + 1 }">{{ 'portal.search.next' | t }}</a>
          }
        </nav>
      }
    }
  `,
  styles: `
    :host { display: block; }
    .summary { margin: 1.5rem 0 1rem; font-size: 1.2rem; font-weight: 600; min-height: 1.5em; }
    .pages { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin-top: 1.5rem; }
    .pages a { min-height: 3rem; display: inline-flex; align-items: center; font-weight: 600; }
  `,
})
export class PortalSearch {
  /** Query parameters, bound by the router. */
  readonly q = input<string>();
  readonly page = input<string>();

  private readonly i18n = inject(I18n);
  protected readonly words = computed(() => (this.q() ?? '').trim().slice(0, 200));
  protected readonly pageNumber = computed(() => Math.min(1000, Math.max(1, Math.floor(Number(this.page())) || 1)));
  protected readonly results = httpResource<VideoPage>(() => publicApi.videos({ q: this.words(), page: this.pageNumber() }));
  protected readonly pages = computed(() => (this.results.hasValue() ? Math.ceil(this.results.value().total / this.results.value().pageSize) : 0));

  constructor() {
    pageTitle(() => (this.words() ? `${this.i18n.t('portal.search')}: ${this.words()}` : this.i18n.t('portal.search.title')));
  }
}
