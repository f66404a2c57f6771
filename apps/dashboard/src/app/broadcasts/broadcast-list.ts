import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { WhenPipe } from '../shared/dates';
import { LoadState } from '../shared/load-state';
import { Loader } from '../shared/loader';
import { problemOf } from '../shared/problem';
import { BroadcastsApi } from './broadcasts.api';
import { copyText } from './copy';
import { StatusBadge } from './status-badge';

/** Upcoming broadcasts (or all of them), and the way to plan a new one or subscribe to one's own schedule. */
@Component({
  selector: 'app-broadcast-list',
  imports: [RouterLink, TranslatePipe, WhenPipe, LoadState, StatusBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'stack' },
  template: `
    <div class="page-head">
      <h1>{{ 'broadcasts.title' | t }}</h1>
      @if (auth.can('planner', 'producer')) {
        <a class="button" routerLink="/staff/broadcasts/new">+ {{ 'broadcasts.new' | t }}</a>
      }
    </div>
    <p class="lead">{{ 'broadcasts.intro' | t }}</p>

    <div class="toolbar">
      <label class="inline"><input type="checkbox" [checked]="past()" (change)="setPast($any($event.target).checked)" /> {{ 'broadcasts.showPast' | t }}</label>
      <button type="button" class="secondary" (click)="subscribe()" [disabled]="feedBusy()">{{ 'broadcasts.subscribe' | t }}</button>
    </div>
    @if (feedUrl(); as url) {
      <div class="success" role="status">
        <p>{{ 'broadcasts.feedHelp' | t }}</p>
        <div class="copy-row">
          <label for="feed-url" class="visually-hidden">{{ 'broadcasts.feedLabel' | t }}</label>
          <input id="feed-url" readonly [value]="url" />
          <button type="button" class="secondary" (click)="copyFeed(url)">{{ (feedCopied() ? 'streamKey.copied' : 'streamKey.copy') | t }}</button>
        </div>
      </div>
    }
    @if (feedError() !== null) { <p class="alert" role="alert">{{ feedError() || ('shared.failed' | t) }}</p> }

    <app-load-state [loading]="broadcasts.loading()" [error]="broadcasts.error()" (retry)="broadcasts.load()" />
    @if (broadcasts.value(); as items) {
      @if (!items.length) {
        <div class="empty card">
          <h2>{{ 'broadcasts.emptyTitle' | t }}</h2>
          <p>{{ 'broadcasts.emptyHelp' | t }}</p>
          <a routerLink="/staff/year-plan" [queryParams]="{ verdict: 'qualifies' }">{{ 'broadcasts.toYearPlan' | t }}</a>
        </div>
      } @else {
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{{ 'broadcasts.title' | t }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ 'broadcast.when' | t }}</th>
                <th scope="col">{{ 'broadcasts.name' | t }}</th>
                <th scope="col">{{ 'broadcast.room' | t }}</th>
                <th scope="col">{{ 'broadcast.crew' | t }}</th>
                <th scope="col">{{ 'broadcasts.status' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (b of items; track b.id) {
                <tr>
                  <td class="nowrap">{{ b.start | when }}</td>
                  <td><a [routerLink]="['/staff/broadcasts', b.id]">{{ b.title }}</a></td>
                  <td>{{ b.roomName ?? '—' }}</td>
                  <td>{{ crewNames(b.crew) }}</td>
                  <td><app-status-badge [status]="b.status" /></td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    }
  `,
  styles: `
    .toolbar { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; margin-bottom: 1rem; }
    .inline { margin: 0; }
    .copy-row { display: flex; gap: .5rem; }
    .nowrap { white-space: nowrap; }
  `,
})
export class BroadcastList {
  protected readonly auth = inject(AuthService);
  private readonly api = inject(BroadcastsApi);
  private readonly i18n = inject(I18n);
  protected readonly past = signal(false);
  protected readonly broadcasts = new Loader(() => this.api.list(this.past() ? {} : { from: startOfToday() }));
  protected readonly feedUrl = signal<string | null>(null);
  protected readonly feedBusy = signal(false);
  protected readonly feedError = signal<string | null>(null);
  protected readonly feedCopied = signal(false);
  protected readonly me = computed(() => this.auth.me());

  constructor() {
    void this.broadcasts.load();
  }

  protected setPast(on: boolean): void {
    this.past.set(on);
    void this.broadcasts.load();
  }

  protected crewNames(crew: { name?: string }[]): string {
    return [...new Set(crew.map((c) => c.name))].join(', ') || '—';
  }

  protected async subscribe(): Promise<void> {
    const me = this.me();
    if (!me || !confirm(this.i18n.t('broadcasts.subscribeConfirm'))) return;
    this.feedBusy.set(true);
    this.feedError.set(null);
    this.feedCopied.set(false);
    try {
      this.feedUrl.set(await this.api.calendarFeed(me.id));
    } catch (err) {
      this.feedError.set(problemOf(err).message);
    } finally {
      this.feedBusy.set(false);
    }
  }

  protected async copyFeed(url: string): Promise<void> {
    this.feedCopied.set(await copyText(url));
  }
}

function startOfToday(): string {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
}
