import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { WhenPipe } from '../shared/dates';
import { LoadState } from '../shared/load-state';
import { Loader } from '../shared/loader';
import { PublicationApi, QueueItem } from './review.api';

/** The editor's queue: episodes sent for review, and approved ones waiting to be published. */
@Component({
  selector: 'app-review-queue',
  imports: [RouterLink, TranslatePipe, WhenPipe, LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'stack' },
  template: `
    <h1>{{ 'review.title' | t }}</h1>
    <p class="lead">{{ 'review.intro' | t }}</p>
    <app-load-state [loading]="queue.loading()" [error]="queue.error()" (retry)="queue.load()" />
    @if (queue.value(); as items) {
      @if (items.length) {
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{{ 'review.title' | t }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ 'review.episode' | t }}</th>
                <th scope="col">{{ 'review.series' | t }}</th>
                <th scope="col">{{ 'review.state' | t }}</th>
                <th scope="col">{{ 'review.recording' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (item of items; track item.episode.id) {
                <tr>
                  <th scope="row"><a [routerLink]="['/staff/review', item.episode.id]">{{ item.episode.title }}</a></th>
                  <td>{{ item.series.title }}</td>
                  <td>
                    <span class="badge" [class.warn]="item.publication.state === 'in_review'" [class.ok]="item.publication.state === 'approved'">
                      {{ stateKey(item.publication.state) | t }}
                    </span>
                    @if (item.publication.publishAt) { <br />{{ 'review.scheduledFor' | t: { when: (item.publication.publishAt | when) } }} }
                  </td>
                  <td>{{ item.publication.asset ? (assetKey(item.publication.asset.status) | t) : ('review.noRecording' | t) }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else {
        <div class="card empty">
          <h2>{{ 'review.emptyTitle' | t }}</h2>
          <p>{{ 'review.emptyHelp' | t }}</p>
        </div>
      }
    }
  `,
})
export class ReviewQueue {
  private readonly api = inject(PublicationApi);
  protected readonly queue = new Loader<QueueItem[]>(() => this.api.queue());

  constructor() {
    void this.queue.load();
  }

  protected stateKey(state: string): MessageKey {
    return `publicationState.${state}` as MessageKey;
  }
  protected assetKey(status: string): MessageKey {
    return `assetStatus.${status}` as MessageKey;
  }
}
