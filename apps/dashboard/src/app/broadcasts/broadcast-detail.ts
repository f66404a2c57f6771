import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { WhenPipe } from '../shared/dates';
import { LoadState } from '../shared/load-state';
import { Loader } from '../shared/loader';
import { problemOf } from '../shared/problem';
import { BroadcastChecklist } from './broadcast-checklist';
import { BroadcastDetail as Detail, BroadcastsApi, BroadcastStatus, EDITABLE } from './broadcasts.api';
import { Restreams } from './restreams';
import { StatusBadge } from './status-badge';
import { StreamKey } from './stream-key';

/** Transitions that end a broadcast's plans, so they ask first. */
const DESTRUCTIVE: BroadcastStatus[] = ['cancelled', 'failed'];

/** One broadcast: its plan, checklist, stream key, restreams, history, and the status changes it may make now. */
@Component({
  selector: 'app-broadcast-detail',
  imports: [RouterLink, TranslatePipe, WhenPipe, LoadState, StatusBadge, BroadcastChecklist, StreamKey, Restreams],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'stack' },
  templateUrl: './broadcast-detail.html',
  styles: `
    dl { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; margin: 0; }
    dt { font-weight: 600; }
    dd { margin: 0; }
    .lifecycle { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
    .history { padding-left: 1.2rem; }
  `,
})
export class BroadcastDetail {
  readonly id = input.required<string>();
  protected readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);
  private readonly api = inject(BroadcastsApi);
  protected readonly broadcast = new Loader<Detail>(() => this.api.get(this.id()));
  protected readonly canPlan = computed(() => this.auth.can('planner', 'producer'));
  protected readonly editable = computed(() => EDITABLE.includes(this.broadcast.value()?.status ?? 'published'));
  protected readonly moving = signal<BroadcastStatus | null>(null);
  protected readonly moveError = signal<string | null>(null);

  constructor() {
    effect(() => {
      this.id();
      untracked(() => void this.broadcast.load());
    });
  }

  protected reload(): void {
    void this.broadcast.load();
  }

  protected transitionLabel(from: BroadcastStatus, to: BroadcastStatus): MessageKey {
    return (from === 'ready' && to === 'scheduled' ? 'transition.unready' : `transition.${to}`) as MessageKey;
  }

  protected isDestructive(to: BroadcastStatus): boolean {
    return DESTRUCTIVE.includes(to);
  }

  protected roleLabel(r: string): MessageKey {
    return `crewRole.${r}` as MessageKey;
  }

  protected statusLabel(s: string): MessageKey {
    return `status.${s}` as MessageKey;
  }

  protected async move(to: BroadcastStatus): Promise<void> {
    this.moveError.set(null);
    let note: string | undefined;
    if (this.isDestructive(to)) {
      const answer = prompt(this.i18n.t(to === 'cancelled' ? 'transition.cancelConfirm' : 'transition.failConfirm'));
      if (answer === null) return;
      note = answer.trim() || undefined;
    }
    this.moving.set(to);
    try {
      this.broadcast.value.set(await this.api.transition(this.id(), to, note));
    } catch (err) {
      this.moveError.set(problemOf(err).message || this.i18n.t('shared.failed'));
    } finally {
      this.moving.set(null);
    }
  }
}
