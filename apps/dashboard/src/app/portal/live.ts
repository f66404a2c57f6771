import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { WhenPipe } from '../shared/dates';
import { PageState, pageTitle } from './page-state';
import { Player } from './player/player';
import { LiveBroadcast, publicApi } from './portal.api';

/** How often a live page looks whether the broadcast started or ended. */
export const LIVE_REFRESH_MS = 30_000;

/** /live/:slug: a livestream while it is on; before it, when it starts; after it, when the recording can be watched. */
@Component({
  selector: 'portal-live',
  imports: [RouterLink, TranslatePipe, WhenPipe, PageState, Player],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <portal-page-state [reads]="[broadcast]" notFound="portal.live.notFound" />
    @if (broadcast.hasValue()) {
      @let b = broadcast.value();
      <h1>{{ b.title }}</h1>
      @if (b.status === 'live' && b.playlist) {
        <portal-player [src]="b.playlist" [title]="b.title" [live]="true" />
      } @else {
        <div class="notice" role="status">
          <p>{{ notice() | t: { date: (when() | when: 'datetime') } }}</p>
          @if (b.recording?.state === 'published' && b.recording?.episodeSlug) {
            <p><a class="button" [routerLink]="['/video', b.recording!.episodeSlug]">{{ 'portal.live.watchRecording' | t }}</a></p>
          }
          @if (b.status === 'upcoming') { <p class="muted">{{ 'portal.live.refresh' | t }}</p> }
        </div>
      }
      @if (b.description) { <p class="desc">{{ b.description }}</p> }
    }
  `,
  styles: `
    :host { display: block; max-width: 64rem; }
    .notice { background: #fff; border-left: 6px solid #0b5394; padding: 1rem 1.25rem; border-radius: 8px; font-size: 1.15rem; }
    .notice p { margin: 0 0 .75rem; }
    .notice p:last-child { margin: 0; }
    .button { min-height: 3rem; display: inline-flex; align-items: center; font-weight: 600; }
    .muted { color: #4a4f57; font-size: 1rem; }
    .desc { margin-top: 1.25rem; white-space: pre-line; }
  `,
})
export class PortalLive {
  readonly slug = input.required<string>();
  protected readonly broadcast = httpResource<LiveBroadcast>(() => publicApi.liveBroadcast(this.slug()));

  protected readonly notice = computed<MessageKey>(() => {
    const b = this.broadcast.hasValue() ? this.broadcast.value() : null;
    if (!b || b.status === 'upcoming') return 'portal.live.upcoming';
    if (b.status === 'cancelled') return 'portal.live.cancelled';
    const state = b.recording?.state ?? 'none';
    return state === 'scheduled' && !b.recording?.availableAt ? 'portal.live.in_review' : `portal.live.${state}`;
  });
  protected readonly when = computed(() => {
    const b = this.broadcast.hasValue() ? this.broadcast.value() : null;
    return b?.status === 'upcoming' ? b.start : (b?.recording?.availableAt ?? null);
  });

  constructor() {
    pageTitle(() => (this.broadcast.hasValue() ? this.broadcast.value().title : null));
    // Until it has ended, look again now and then: the page turns into the player when the stream starts.
    const timer = setInterval(() => {
      const b = this.broadcast.hasValue() ? this.broadcast.value() : null;
      if (b && (b.status === 'upcoming' || b.status === 'live') && !this.broadcast.isLoading()) this.broadcast.reload();
    }, LIVE_REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}
