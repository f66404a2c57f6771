import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { BroadcastChecklist } from '../broadcasts/broadcast-checklist';
import { BroadcastDetail, BroadcastsApi } from '../broadcasts/broadcasts.api';
import { StatusBadge } from '../broadcasts/status-badge';
import { StreamKey } from '../broadcasts/stream-key';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { WhenPipe } from '../shared/dates';
import { LoadState } from '../shared/load-state';
import { Loader } from '../shared/loader';
import { problemOf } from '../shared/problem';
import { LiveApi, LiveStatus } from './live.api';

export const REFRESH_MS = 2500;

/**
 * The control room of one broadcast: whether the encoder's picture arrives, bitrate, fps, dropped frames, viewers
 * and restreams (refreshed every 2.5 s), the checklist, and starting (ready, with the RTMP address) and stopping.
 */
@Component({
  selector: 'app-control-room',
  imports: [RouterLink, TranslatePipe, WhenPipe, LoadState, StatusBadge, BroadcastChecklist, StreamKey],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'stack' },
  templateUrl: './control-room.html',
  styleUrl: './control-room.css',
})
export class ControlRoom {
  readonly id = input.required<string>();
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);
  private readonly broadcasts = inject(BroadcastsApi);
  private readonly api = inject(LiveApi);

  protected readonly broadcast = new Loader<BroadcastDetail>(() => this.broadcasts.get(this.id()));
  protected readonly live = signal<LiveStatus | null>(null);
  protected readonly liveError = signal(false);
  protected readonly checkedAt = signal<Date | null>(null);
  protected readonly busy = signal(false);
  protected readonly actionError = signal<string | null>(null);
  protected readonly canRun = computed(() => this.auth.can('planner', 'producer'));
  protected readonly onAir = computed(() => ['publishing', 'reconnecting'].includes(this.live()?.ingest.state ?? 'offline'));
  protected readonly canStop = computed(() => this.canRun() && (this.onAir() || this.live()?.broadcastStatus === 'live'));
  protected readonly canMakeReady = computed(() => this.canRun() && !!this.broadcast.value()?.nextStatuses.includes('ready'));
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    effect(() => {
      this.id();
      untracked(() => void this.start());
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  protected async start(): Promise<void> {
    clearTimeout(this.timer);
    await Promise.all([this.broadcast.load(), this.poll()]);
  }

  /** Reads the live status now and again every REFRESH_MS; the broadcast itself is re-read when its status moves. */
  private async poll(): Promise<void> {
    clearTimeout(this.timer);
    try {
      const status = await this.api.status(this.id());
      this.live.set(status);
      this.liveError.set(false);
      this.checkedAt.set(new Date());
      const known = this.broadcast.value();
      if (known && known.status !== status.broadcastStatus) void this.broadcast.load();
    } catch {
      this.liveError.set(true);
    }
    this.timer = setTimeout(() => void this.poll(), REFRESH_MS);
  }

  /** A number as the chosen language writes it (2.011 and 29,9 in Dutch; Angular's number pipe only knows en-US). */
  protected decimal(value: number, maxDigits: number): string {
    return this.i18n.number(value, maxDigits);
  }

  protected ingestKey(state: string): MessageKey {
    return `live.ingest.${state}` as MessageKey;
  }
  protected restreamKey(state: string): MessageKey {
    return `live.restream.${state}` as MessageKey;
  }

  protected restreamNames(b: BroadcastDetail): string {
    return b.restreams.map((r) => r.name).join(', ');
  }

  protected reload(): void {
    void this.broadcast.load();
  }

  protected async makeReady(): Promise<void> {
    await this.run(async () => {
      this.broadcast.value.set(await this.broadcasts.transition(this.id(), 'ready'));
    });
  }

  protected async stop(): Promise<void> {
    if (!confirm(this.i18n.t('live.stopConfirm'))) return;
    await this.run(async () => {
      this.live.set(await this.api.stop(this.id()));
      await this.broadcast.load();
    });
  }

  private async run(call: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.actionError.set(null);
    try {
      await call();
    } catch (err) {
      this.actionError.set(problemOf(err).message || this.i18n.t('shared.failed'));
    } finally {
      this.busy.set(false);
    }
  }
}
