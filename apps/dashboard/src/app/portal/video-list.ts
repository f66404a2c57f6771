import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../i18n/i18n';
import { WhenPipe } from '../shared/dates';
import { clock } from './player/timeline';
import { VideoSummary } from './portal.api';

/** Videos as cards: poster, title (the link), series, length, date. Headings one level below the section's. */
@Component({
  selector: 'portal-video-list',
  imports: [RouterLink, TranslatePipe, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="cards">
      @for (v of videos(); track v.slug; let i = $index) {
        <li class="card-item">
          <div class="poster">
            @if (v.posterUrl) { <img [src]="v.posterUrl" alt="" loading="lazy" /> }
            @if (v.durationS) { <span class="length" aria-hidden="true">{{ clock(v.durationS) }}</span> }
          </div>
          <div class="text">
            @if (headingLevel() === 2) {
              <h2><a [routerLink]="['/video', v.slug]" [attr.lang]="v.language">{{ v.title }}</a></h2>
            } @else {
              <h3><a [routerLink]="['/video', v.slug]" [attr.lang]="v.language">{{ v.title }}</a></h3>
            }
            <p class="meta">
              @if (numbered()) { {{ 'portal.series.part' | t: { n: i + 1 } }} · }
              @else { <span [attr.lang]="v.language">{{ v.series.title }}</span> · }
              @if (v.durationS) { <span class="visually-hidden">{{ 'portal.duration' | t }}:</span> {{ 'portal.minutes' | t: { n: minutes(v.durationS) } }} · }
              {{ v.publishedAt | when: 'date' }}
            </p>
            @if (v.description) { <p class="desc" [attr.lang]="v.language">{{ v.description }}</p> }
          </div>
        </li>
      }
    </ul>
  `,
  styles: `
    .cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 1.25rem; grid-template-columns: repeat(auto-fill, minmax(min(17rem, 100%), 1fr)); }
    .card-item { position: relative; background: #fff; border-radius: 10px; box-shadow: 0 1px 4px rgba(0,0,0,.14); overflow: hidden; display: flex; flex-direction: column; }
    .poster { position: relative; aspect-ratio: 16 / 9; background: linear-gradient(135deg, #0b5394, #073763); }
    .poster img { width: 100%; height: 100%; object-fit: cover; display: block; }
    .length { position: absolute; right: .5rem; bottom: .5rem; background: rgba(0,0,0,.8); color: #fff; padding: 0 .4rem; border-radius: 4px; font-size: .9rem; }
    .text { padding: .75rem 1rem 1rem; }
    h2, h3 { font-size: 1.2rem; margin: 0 0 .35rem; line-height: 1.3; }
    h2 a, h3 a { color: #073763; }
    h2 a::after, h3 a::after { content: ''; position: absolute; inset: 0; }
    .card-item:hover h2 a, .card-item:hover h3 a { text-decoration-thickness: 3px; }
    .meta { margin: 0 0 .35rem; color: #4a4f57; font-size: .95rem; }
    .desc { margin: 0; display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
  `,
})
export class VideoList {
  readonly videos = input.required<VideoSummary[]>();
  readonly headingLevel = input<2 | 3>(3);
  /** Show "Part n" (a series in its order) instead of the series name. */
  readonly numbered = input(false);

  protected readonly clock = clock;

  protected minutes(durationS: number): number {
    return Math.max(1, Math.round(durationS / 60));
  }
}
