import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { Publication, PublicationApi } from '../review/review.api';
import { Episode } from '../series/series.api';
import { LoadState } from '../shared/load-state';
import { Loader } from '../shared/loader';
import { problemOf } from '../shared/problem';
import { reasonKey } from '../upload/reasons';
import { formatBytes, formatClock } from '../upload/transfer';
import { CaptionsForm } from './captions-form';
import { ChaptersEditor } from './chapters-editor';
import { readEvents } from './event-stream';
import { FINAL, MediaApi, MediaAsset, MediaProgress } from './media.api';
import { MediaPreview } from './preview';

const POLL_MS = 2000;
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/** The steps a librarian sees, and which statuses belong to each. */
const STEPS: { key: MessageKey; statuses: string[] }[] = [
  { key: 'processing.step.upload', statuses: ['uploading'] },
  { key: 'processing.step.check', statuses: ['uploaded', 'probing'] },
  { key: 'processing.step.convert', statuses: ['queued', 'processing'] },
  { key: 'processing.step.ready', statuses: ['ready'] },
];

/**
 * One recording after upload: live status and progress (server-sent events, polling when the stream is cut),
 * a preview as soon as the first rendition plays, captions, chapters, cancel and process again, and sending
 * the episode for review.
 */
@Component({
  selector: 'app-processing',
  imports: [RouterLink, TranslatePipe, LoadState, MediaPreview, CaptionsForm, ChaptersEditor],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'stack' },
  templateUrl: './processing.html',
  styleUrl: './processing.css',
})
export class Processing {
  readonly id = input.required<string>();
  /** Set when the upload screen brings the producer here. */
  readonly uploaded = input<string | undefined>();
  protected readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);
  private readonly api = inject(MediaApi);
  private readonly publications = inject(PublicationApi);

  protected readonly asset = new Loader<MediaAsset>(() => this.api.get(this.id()));
  protected readonly episode = signal<Episode | null>(null);
  protected readonly publication = signal<Publication | null>(null);
  protected readonly busy = signal<'cancel' | 'retry' | 'submit' | 'poster' | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly submitted = signal(false);
  protected readonly steps = STEPS;
  protected readonly clock = formatClock;

  protected readonly isProducer = computed(() => this.auth.can('producer'));
  protected readonly canEditText = computed(() => {
    const a = this.asset.value();
    return this.auth.can('producer', 'editor') && !!a && a.durationS !== null && a.status !== 'rejected';
  });
  /** The step the recording is at; a rejected or failed one stops at the step that refused it. */
  protected readonly stepIndex = computed(() => {
    const a = this.asset.value();
    if (a?.status === 'rejected') return 1;
    if (a?.status === 'failed') return a.durationS === null ? 1 : 2;
    return STEPS.findIndex((s) => s.statuses.includes(a?.status ?? 'uploading'));
  });
  protected readonly problem = computed(() => {
    const a = this.asset.value();
    if (!a || (a.status !== 'rejected' && a.status !== 'failed')) return null;
    const key = reasonKey(a.reasonCode);
    return { title: a.status === 'rejected' ? ('processing.rejected' as MessageKey) : ('processing.failed' as MessageKey), key, reason: a.reason };
  });
  protected readonly canCancel = computed(() => this.isProducer() && ['queued', 'processing'].includes(this.asset.value()?.status ?? ''));
  protected readonly canRetry = computed(() => {
    const a = this.asset.value();
    return this.isProducer() && !!a && (a.status === 'ready' || (a.status === 'failed' && a.durationS !== null));
  });

  private follow: AbortController | null = null;

  constructor() {
    effect(() => {
      this.id();
      untracked(() => void this.start());
    });
    inject(DestroyRef).onDestroy(() => this.follow?.abort());
  }

  protected async start(): Promise<void> {
    this.follow?.abort();
    await this.asset.load();
    const a = this.asset.value();
    if (!a) return;
    if (a.episodeId) void this.loadEpisode(a.episodeId);
    if (!FINAL.includes(a.status)) void this.watch();
  }

  private async loadEpisode(episodeId: string): Promise<void> {
    try {
      const [episode, publication] = await Promise.all([this.publications.episode(episodeId), this.publications.get(episodeId)]);
      this.episode.set(episode);
      this.publication.set(publication);
    } catch {
      /* the recording itself is still shown */
    }
  }

  /** Follows the event stream until the recording is ready, rejected or failed; polls while the stream is down. */
  private async watch(): Promise<void> {
    const ctrl = new AbortController();
    this.follow = ctrl;
    while (!ctrl.signal.aborted && !FINAL.includes(this.asset.value()?.status ?? 'ready')) {
      try {
        await readEvents(`/api/media/${this.id()}/events`, this.auth.token() ?? '', (e) => e.event === 'progress' && this.onProgress(JSON.parse(e.data)), ctrl.signal);
      } catch {
        if (ctrl.signal.aborted) return;
      }
      if (ctrl.signal.aborted || FINAL.includes(this.asset.value()?.status ?? 'ready')) break;
      await sleep(POLL_MS, ctrl.signal);
      await this.refresh();
    }
    if (!ctrl.signal.aborted) await this.refresh();
  }

  private onProgress(p: MediaProgress): void {
    const before = this.asset.value();
    if (!before) return;
    this.asset.value.set({ ...before, ...p });
    // Playable for the first time, or finished: read the whole asset for the stream address, poster and captions.
    if ((p.playableAt && !before.masterUrl) || (p.status !== before.status && FINAL.includes(p.status))) void this.refresh();
  }

  private async refresh(): Promise<void> {
    try {
      this.asset.value.set(await this.api.get(this.id()));
      const episodeId = this.asset.value()?.episodeId;
      if (episodeId && FINAL.includes(this.asset.value()!.status)) this.publication.set(await this.publications.get(episodeId));
    } catch {
      /* the next event or poll tries again */
    }
  }

  protected updated(asset: MediaAsset): void {
    this.asset.value.set(asset);
  }

  protected statusKey(status: string): MessageKey {
    return `assetStatus.${status}` as MessageKey;
  }

  protected stateKey(state: string): MessageKey {
    return `publicationState.${state}` as MessageKey;
  }

  protected stepName(step: string | null): string {
    return step ? this.i18n.t(`processing.stepName.${step}` as MessageKey) : '';
  }

  protected num(value: number, maxDigits = 0): string {
    return this.i18n.number(value, maxDigits);
  }

  protected size(bytes: number): string {
    return formatBytes(bytes, this.i18n.lang() === 'nl' ? 'nl-NL' : 'en-GB');
  }

  protected async cancel(): Promise<void> {
    if (!confirm(this.i18n.t('processing.cancelConfirm'))) return;
    await this.run('cancel', () => this.api.cancel(this.id()));
  }

  protected async retry(): Promise<void> {
    if (this.asset.value()?.status === 'ready' && !confirm(this.i18n.t('processing.retryConfirm'))) return;
    if (await this.run('retry', () => this.api.retranscode(this.id()))) void this.watch();
  }

  protected async choosePoster(atSeconds: number): Promise<void> {
    await this.run('poster', () => this.api.choosePoster(this.id(), Math.round(atSeconds * 10) / 10));
  }

  private async run(what: 'cancel' | 'retry' | 'poster', call: () => Promise<MediaAsset>): Promise<boolean> {
    this.busy.set(what);
    this.actionError.set(null);
    try {
      this.asset.value.set(await call());
      return true;
    } catch (err) {
      this.actionError.set(problemOf(err).message || this.i18n.t('shared.failed'));
      return false;
    } finally {
      this.busy.set(null);
    }
  }

  protected async submit(): Promise<void> {
    const episodeId = this.asset.value()?.episodeId;
    if (!episodeId) return;
    this.busy.set('submit');
    this.actionError.set(null);
    try {
      this.publication.set(await this.publications.submit(episodeId));
      this.submitted.set(true);
    } catch (err) {
      this.actionError.set(problemOf(err).message || this.i18n.t('shared.failed'));
    } finally {
      this.busy.set(null);
    }
  }
}
