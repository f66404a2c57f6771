import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../i18n/i18n';
import { WhenPipe } from '../shared/dates';
import { PageState, pageTitle } from './page-state';
import { LiveList, publicApi, Series, VideoPage } from './portal.api';
import { SearchForm } from './search-form';
import { VideoList } from './video-list';

const NEWEST = 8;

/** The portal's front page: what is live now and soon, the newest videos, the series. */
@Component({
  selector: 'portal-home',
  imports: [RouterLink, TranslatePipe, WhenPipe, PageState, SearchForm, VideoList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'portal.home.title' | t }}</h1>
    <p class="lead">{{ 'portal.home.intro' | t }}</p>
    <portal-search-form />

    @if (live.hasValue() && live.value().live.length) {
      <section aria-labelledby="h-live" class="live">
        <h2 id="h-live">{{ 'portal.home.live' | t }}</h2>
        <ul class="plain">
          @for (b of live.value().live; track b.slug) {
            <li><a [routerLink]="['/live', b.slug]">{{ b.title }}</a><span class="muted"> · {{ 'portal.home.liveSince' | t: { time: (b.startedAt | when: 'time') } }}</span></li>
          }
        </ul>
      </section>
    }

    <portal-page-state [reads]="[videos, series]" />
    @if (videos.hasValue() && series.hasValue()) {
      @if (!videos.value().items.length) {
        <p class="empty-note">{{ 'portal.home.empty' | t }}</p>
      } @else {
        <section aria-labelledby="h-newest">
          <h2 id="h-newest">{{ 'portal.home.newest' | t }}</h2>
          <portal-video-list [videos]="newest()" />
          @if (videos.value().total > newest().length) {
            <p><a routerLink="/zoeken" class="more">{{ 'portal.home.allVideos' | t }}</a></p>
          }
        </section>
        @if (series.value().items.length) {
          <section aria-labelledby="h-series">
            <h2 id="h-series">{{ 'portal.home.series' | t }}</h2>
            <ul class="series">
              @for (s of series.value().items; track s.slug) {
                <li>
                  <h3><a [routerLink]="['/reeks', s.slug]" [attr.lang]="s.language">{{ s.title }}</a></h3>
                  <p class="muted">{{ (s.videoCount === 1 ? 'portal.series.count1' : 'portal.series.count') | t: { count: s.videoCount } }}@if (s.audience) { · {{ 'portal.series.for' | t: { audience: s.audience } }} }</p>
                  @if (s.description) { <p [attr.lang]="s.language">{{ s.description }}</p> }
                </li>
              }
            </ul>
          </section>
        }
      }
    }

    @if (live.hasValue() && live.value().upcoming.length) {
      <section aria-labelledby="h-upcoming">
        <h2 id="h-upcoming">{{ 'portal.home.upcoming' | t }}</h2>
        <ul class="plain">
          @for (b of live.value().upcoming; track b.slug) {
            <li><a [routerLink]="['/live', b.slug]">{{ b.title }}</a><span class="muted"> · {{ b.start | when: 'datetime' }}</span></li>
          }
        </ul>
      </section>
    }
  `,
  styles: `
    :host { display: block; }
    section { margin-top: 2rem; }
    h2 { font-size: 1.45rem; margin: 0 0 .75rem; }
    .lead { font-size: 1.15rem; max-width: 46rem; }
    .muted { color: #4a4f57; }
    .plain { padding-left: 1.25rem; }
    .plain li { margin-bottom: .4rem; }
    .live { background: #fff; border-left: 6px solid #b00020; padding: .75rem 1.25rem; border-radius: 8px; }
    .more { display: inline-flex; min-height: 2.75rem; align-items: center; font-weight: 600; }
    .series { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(20rem, 100%), 1fr)); }
    .series li { background: #fff; border-radius: 10px; padding: 1rem 1.25rem; box-shadow: 0 1px 4px rgba(0,0,0,.14); }
    .series h3 { margin: 0 0 .25rem; font-size: 1.2rem; }
    .series p { margin: 0 0 .35rem; }
    .empty-note { font-size: 1.15rem; background: #fff; padding: 1.25rem; border-radius: 8px; }
  `,
})
export class PortalHome {
  protected readonly videos = httpResource<VideoPage>(() => publicApi.videos());
  protected readonly series = httpResource<{ items: Series[] }>(() => publicApi.seriesList());
  protected readonly live = httpResource<LiveList>(() => publicApi.live());
  protected readonly newest = computed(() => (this.videos.hasValue() ? this.videos.value().items.slice(0, NEWEST) : []));

  constructor() {
    pageTitle(() => null);
  }
}
