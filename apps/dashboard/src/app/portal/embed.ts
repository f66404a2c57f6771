import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '../i18n/i18n';
import { PageState, pageTitle } from './page-state';
import { Player } from './player/player';
import { publicApi, Video } from './portal.api';

/** /embed/:slug: only the player, for an iframe on the library's own website, with a link to the full page. */
@Component({
  selector: 'portal-embed',
  imports: [TranslatePipe, PageState, Player],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'portal' },
  template: `
    <main>
      <portal-page-state [reads]="[video]" notFound="portal.video.notFound" />
      @if (video.hasValue()) {
        @let v = video.value();
        <h1 class="visually-hidden" [attr.lang]="v.language">{{ v.title }}</h1>
        <portal-player [src]="v.hlsUrl" [title]="v.title" [poster]="v.posterUrl" [storyboard]="v.storyboardUrl"
                       [transcript]="v.transcript" [chapters]="v.chapters" [language]="v.language" [viewsUrl]="views(v.slug)" [compact]="true" />
        <p class="site"><a [href]="v.url" target="_blank" rel="noopener">{{ 'portal.video.watchOnSite' | t }}</a></p>
      }
    </main>
  `,
  styles: `
    :host { display: block; background: #fff; }
    main { height: 100vh; display: flex; flex-direction: column; }
    portal-player { flex: 1; min-height: 0; }
    .site { margin: .3rem .5rem; font-size: 1rem; }
    .site a { color: #0b4a85; }
  `,
})
export class PortalEmbed {
  readonly slug = input.required<string>();
  protected readonly video = httpResource<Video>(() => publicApi.video(this.slug()));
  protected readonly views = publicApi.views;

  constructor() {
    pageTitle(() => (this.video.hasValue() ? this.video.value().title : null));
  }
}
