import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input } from '@angular/core';
import { Meta } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../i18n/i18n';
import { WhenPipe } from '../shared/dates';
import { PageState, pageTitle } from './page-state';
import { Player } from './player/player';
import { publicApi, Video } from './portal.api';

/** /video/:slug: the player with captions, transcript and chapters, and what the video is about. */
@Component({
  selector: 'portal-watch',
  imports: [RouterLink, TranslatePipe, WhenPipe, PageState, Player],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <portal-page-state [reads]="[video]" notFound="portal.video.notFound" />
    @if (video.hasValue()) {
      @let v = video.value();
      <p class="series">{{ 'portal.video.fromSeries' | t }} <a [routerLink]="['/reeks', v.series.slug]" [attr.lang]="v.language">{{ v.series.title }}</a></p>
      <h1 [attr.lang]="v.language">{{ v.title }}</h1>
      <portal-player [src]="v.hlsUrl" [title]="v.title" [poster]="v.posterUrl" [storyboard]="v.storyboardUrl"
                     [transcript]="v.transcript" [chapters]="v.chapters" [language]="v.language" [viewsUrl]="views(v.slug)" />
      <section class="about" aria-labelledby="h-about">
        <h2 id="h-about">{{ 'portal.video.about' | t }}</h2>
        @if (v.description) { <p [attr.lang]="v.language" class="desc">{{ v.description }}</p> }
        <dl>
          @if (v.durationS) {
            <div><dt>{{ 'portal.duration' | t }}</dt><dd>{{ 'portal.minutes' | t: { n: minutes(v.durationS) } }}</dd></div>
          }
          <div><dt>{{ 'portal.video.fromSeries' | t }}</dt><dd><a [routerLink]="['/reeks', v.series.slug]" [attr.lang]="v.language">{{ v.series.title }}</a></dd></div>
          @if (v.tags.length) {
            <div><dt>{{ 'portal.video.topics' | t }}</dt><dd [attr.lang]="v.language">{{ v.tags.join(', ') }}</dd></div>
          }
        </dl>
        <p class="muted">{{ 'portal.video.published' | t: { date: (v.publishedAt | when: 'date') } }}</p>
      </section>
    }
  `,
  styles: `
    :host { display: block; max-width: 64rem; }
    .series { margin: 0 0 .25rem; color: #4a4f57; }
    .series a { color: #0b4a85; font-weight: 600; }
    h1 { font-size: 1.8rem; margin-bottom: 1rem; }
    .about { margin-top: 1.5rem; background: #fff; border-radius: 10px; padding: 1rem 1.25rem; box-shadow: 0 1px 4px rgba(0,0,0,.14); }
    .about h2 { font-size: 1.3rem; margin: 0 0 .5rem; }
    .desc { white-space: pre-line; }
    dl { display: grid; gap: .35rem; margin: 0 0 .75rem; }
    dl div { display: flex; flex-wrap: wrap; gap: .5rem; }
    dt { font-weight: 700; }
    dt::after { content: ':'; }
    dd { margin: 0; }
    .muted { color: #4a4f57; margin: 0; }
  `,
})
export class PortalWatch {
  readonly slug = input.required<string>();
  protected readonly video = httpResource<Video>(() => publicApi.video(this.slug()));
  protected readonly views = publicApi.views;

  constructor() {
    pageTitle(() => (this.video.hasValue() ? this.video.value().title : null));
    // Unlisted videos are for people with the link: keep them out of search engines.
    const meta = inject(Meta);
    effect(() => {
      if (this.video.hasValue() && !this.video.value().listed) meta.updateTag({ name: 'robots', content: 'noindex' });
      else meta.removeTag('name="robots"');
    });
    inject(DestroyRef).onDestroy(() => meta.removeTag('name="robots"'));
  }

  protected minutes(durationS: number): number {
    return Math.max(1, Math.round(durationS / 60));
  }
}
