import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '../i18n/i18n';
import { PageState, pageTitle } from './page-state';
import { publicApi, SeriesDetail } from './portal.api';
import { VideoList } from './video-list';

/** /reeks/:slug: a series with its videos in order. */
@Component({
  selector: 'portal-series',
  imports: [TranslatePipe, PageState, VideoList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <portal-page-state [reads]="[series]" notFound="portal.series.notFound" />
    @if (series.hasValue()) {
      @let s = series.value();
      <div [attr.lang]="s.language">
        <h1>{{ s.title }}</h1>
        @if (s.description) { <p class="lead">{{ s.description }}</p> }
      </div>
      <p class="meta">
        {{ (s.videoCount === 1 ? 'portal.series.count1' : 'portal.series.count') | t: { count: s.videoCount } }}
        @if (s.audience) { · {{ 'portal.series.for' | t: { audience: s.audience } }} }
        · <a [href]="s.feedUrl">{{ 'portal.series.feed' | t }}</a>
      </p>
      <section aria-labelledby="h-videos">
        <h2 id="h-videos">{{ 'portal.series.videos' | t }}</h2>
        <portal-video-list [videos]="s.videos" [numbered]="true" />
      </section>
    }
  `,
  styles: `
    :host { display: block; }
    .lead { font-size: 1.15rem; max-width: 46rem; }
    .meta { color: #4a4f57; }
    .meta a { color: #0b4a85; }
    h2 { font-size: 1.45rem; margin: 1.5rem 0 .75rem; }
  `,
})
export class PortalSeries {
  readonly slug = input.required<string>();
  protected readonly series = httpResource<SeriesDetail>(() => publicApi.series(this.slug()));

  constructor() {
    pageTitle(() => (this.series.hasValue() ? this.series.value().title : null));
  }
}
