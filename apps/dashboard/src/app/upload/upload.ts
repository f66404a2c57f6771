import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { defaultOptions, DetailedError, PreviousUpload, Upload as TusUpload } from 'tus-js-client';
import { AuthService } from '../auth/auth.service';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { LoadState } from '../shared/load-state';
import { Loader } from '../shared/loader';
import { Publication, PublicationApi } from '../review/review.api';
import { Episode } from '../series/series.api';
import { uploadErrorKey } from './reasons';
import { formatBytes, formatClock, percentOf, TransferMeter } from './transfer';

const ENDPOINT = '/api/uploads';
const CHUNK_BYTES = 50 * 1024 * 1024;
const TUS = { 'Tus-Resumable': '1.0.0' };

type Phase = 'idle' | 'starting' | 'uploading' | 'paused' | 'done';

/** An upload of this episode that stopped before its last byte (page closed, connection lost), kept by the browser. */
interface Unfinished {
  previous: PreviousUpload;
  filename: string;
  percent: number;
}

/**
 * Uploading a recording to an episode: drag and drop or the file picker, resumable in chunks (tus). An upload that
 * stopped (page reloaded, Wi-Fi gone) continues where it was when the same file is chosen again.
 */
@Component({
  selector: 'app-upload',
  imports: [RouterLink, TranslatePipe, LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'stack' },
  template: `
    @if (episode.value(); as e) {
      <p><a [routerLink]="['/staff/series', e.seriesId]">‹ {{ 'upload.backToSeries' | t }}</a></p>
    }
    <app-load-state [loading]="episode.loading()" [error]="episode.error()" (retry)="load()" />
    @if (episode.value(); as e) {
      <h1>{{ 'upload.title' | t: { title: e.title } }}</h1>
      <p class="lead">{{ 'upload.intro' | t }}</p>

      @if (publication.value()?.asset; as asset) {
        <p class="card">
          {{ 'upload.hasRecording' | t: { status: (assetStatusKey(asset.status) | t) } }}
          <a [routerLink]="['/staff/media', asset.id]">{{ 'upload.openProcessing' | t }}</a>
        </p>
      }

      @if (!canUpload()) {
        <p class="alert" role="alert">{{ 'upload.producersOnly' | t }}</p>
      } @else {
        @for (u of unfinished(); track u.previous.urlStorageKey) {
          <div class="card unfinished" role="status">
            <p>{{ 'upload.unfinished' | t: { name: u.filename, percent: u.percent } }}</p>
            <button type="button" class="secondary" (click)="discard(u)">{{ 'upload.discard' | t }}</button>
          </div>
        }

        <section class="card" [attr.aria-labelledby]="'upload-heading'">
          <h2 id="upload-heading">{{ 'upload.choose' | t }}</h2>
          @if (phase() === 'idle') {
            <div class="drop" [class.over]="dragOver()" (dragover)="onDragOver($event)" (dragleave)="dragOver.set(false)" (drop)="onDrop($event)">
              <p>{{ 'upload.dropHere' | t }}</p>
              <label for="upload-file">{{ 'upload.fileLabel' | t }}</label>
              <input id="upload-file" type="file" accept="video/*,audio/*,.mkv,.mov,.mp4,.m4v,.webm" (change)="onPick($event)" aria-describedby="upload-hint" />
              <p class="muted" id="upload-hint">{{ maxBytes() ? ('upload.hintMax' | t: { max: size(maxBytes()!) }) : ('upload.hint' | t) }}</p>
            </div>
          } @else {
            <p class="file"><strong>{{ file()?.name }}</strong> ({{ size(total()) }})</p>
            @if (resumedFrom() !== null) {
              <p class="success" role="status">{{ 'upload.resumedFrom' | t: { percent: resumedFrom()! } }}</p>
            }
            <progress [value]="percent()" max="100" [attr.aria-label]="'upload.progressLabel' | t" [attr.aria-valuetext]="percent() + '%'"></progress>
            <p class="numbers" aria-live="polite">
              <strong>{{ percent() }}%</strong>
              · {{ 'upload.sentOf' | t: { sent: size(sent()), total: size(total()) } }}
              @if (phase() === 'uploading' && speed() !== null) {
                · {{ 'upload.speed' | t: { speed: size(speed()!) } }}
                @if (secondsLeft() !== null) { · {{ 'upload.left' | t: { time: clock(secondsLeft()!) } }} }
              }
              @if (phase() === 'paused') { · {{ 'upload.paused' | t }} }
              @if (phase() === 'done') { · {{ 'upload.done' | t }} }
            </p>
            <div class="button-row">
              @if (phase() === 'uploading' || phase() === 'starting') {
                <button type="button" class="secondary" (click)="pause()" [disabled]="phase() === 'starting'">{{ 'upload.pause' | t }}</button>
              }
              @if (phase() === 'paused') {
                <button type="button" (click)="resume()">{{ 'upload.resume' | t }}</button>
              }
              @if (phase() !== 'done') {
                <button type="button" class="danger" (click)="cancel()">{{ 'upload.cancel' | t }}</button>
              }
            </div>
          }
          @if (error(); as err) {
            <div class="alert" role="alert">
              <p>{{ err.key | t: { max: maxBytes() ? size(maxBytes()!) : '' } }}</p>
              @if (err.detail) { <p class="detail">{{ 'upload.serverSaid' | t }} {{ err.detail }}</p> }
            </div>
          }
        </section>
      }
    }
  `,
  styles: `
    .drop { border: 2px dashed #8a8f98; border-radius: 8px; padding: 1.5rem; text-align: center; }
    .drop.over { border-color: var(--brand); background: #e3edf8; }
    .drop input { max-width: 28rem; margin: 0 auto; display: block; background: #fff; }
    .drop label { margin-top: .5rem; }
    progress { width: 100%; height: 1.25rem; }
    .numbers { margin: .5rem 0 1rem; }
    .unfinished { display: flex; gap: 1rem; align-items: center; justify-content: space-between; flex-wrap: wrap; }
    .unfinished p { margin: 0; }
    .detail { font-size: .9rem; color: var(--text); }
  `,
})
export class Upload {
  readonly id = input.required<string>();
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly api = inject(PublicationApi);

  protected readonly episode = new Loader<Episode>(() => this.api.episode(this.id()));
  protected readonly publication = new Loader<Publication>(() => this.api.get(this.id()));
  protected readonly canUpload = computed(() => this.auth.can('producer'));
  protected readonly maxBytes = signal<number | null>(null);
  protected readonly unfinished = signal<Unfinished[]>([]);
  protected readonly file = signal<File | null>(null);
  protected readonly phase = signal<Phase>('idle');
  protected readonly sent = signal(0);
  protected readonly total = signal(0);
  protected readonly percent = computed(() => percentOf(this.sent(), this.total()));
  protected readonly speed = signal<number | null>(null);
  protected readonly secondsLeft = signal<number | null>(null);
  protected readonly resumedFrom = signal<number | null>(null);
  protected readonly error = signal<{ key: MessageKey; detail: string } | null>(null);
  protected readonly dragOver = signal(false);
  protected readonly clock = formatClock;
  private readonly meter = new TransferMeter();
  private upload: TusUpload | null = null;

  constructor() {
    effect(() => {
      this.id();
      untracked(() => void this.load());
    });
    void this.readLimit();
    inject(DestroyRef).onDestroy(() => void this.upload?.abort(false));
  }

  protected async load(): Promise<void> {
    await Promise.all([this.episode.load(), this.publication.load(), this.findUnfinished()]);
  }

  protected size(bytes: number): string {
    return formatBytes(bytes, this.i18n.lang() === 'nl' ? 'nl-NL' : 'en-GB');
  }

  protected assetStatusKey(status: string): MessageKey {
    return `assetStatus.${status}` as MessageKey;
  }

  /** The largest file the server accepts (tus OPTIONS), to say so before a byte is sent. */
  private async readLimit(): Promise<void> {
    try {
      const res = await firstValueFrom(this.http.options(ENDPOINT, { headers: TUS, observe: 'response' }));
      const max = Number(res.headers.get('Tus-Max-Size'));
      if (max > 0) this.maxBytes.set(max);
    } catch {
      /* the server still refuses too large files with 413 */
    }
  }

  /** Unfinished uploads of this episode this browser remembers, with how much the server already has. */
  private async findUnfinished(): Promise<void> {
    const all = await defaultOptions.urlStorage.findAllUploads();
    const mine = all.filter((p) => p.metadata['episodeId'] === this.id() && p.uploadUrl);
    const found: Unfinished[] = [];
    for (const previous of mine) {
      try {
        const res = await firstValueFrom(this.http.head(new URL(previous.uploadUrl!, location.href).pathname, { headers: TUS, observe: 'response' }));
        const offset = Number(res.headers.get('Upload-Offset') ?? 0);
        const length = Number(res.headers.get('Upload-Length') ?? previous.size ?? 0);
        found.push({ previous, filename: previous.metadata['filename'] ?? '', percent: percentOf(offset, length) });
      } catch {
        await defaultOptions.urlStorage.removeUpload(previous.urlStorageKey); // expired or cancelled on the server
      }
    }
    this.unfinished.set(found);
  }

  protected onDragOver(event: DragEvent): void {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    this.dragOver.set(true);
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragOver.set(false);
    const file = event.dataTransfer?.files?.[0];
    if (file) void this.start(file);
  }

  protected onPick(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.start(file);
  }

  protected async start(file: File): Promise<void> {
    this.error.set(null);
    if (file.size === 0) return this.error.set({ key: 'upload.error.empty', detail: '' });
    const max = this.maxBytes();
    if (max && file.size > max) return this.error.set({ key: 'upload.error.tooLarge', detail: '' });

    this.file.set(file);
    this.total.set(file.size);
    this.sent.set(0);
    this.resumedFrom.set(null);
    this.meter.reset();
    this.phase.set('starting');
    const upload = new TusUpload(file, {
      endpoint: new URL(ENDPOINT, location.href).href,
      chunkSize: CHUNK_BYTES,
      retryDelays: [0, 1000, 3000, 5000, 10000],
      metadata: { filename: file.name, episodeId: this.id() },
      headers: { Authorization: `Bearer ${this.auth.token() ?? ''}` },
      removeFingerprintOnSuccess: true,
      onAfterResponse: (req, res) => {
        // Resuming: the server says how much it already has.
        if (req.getMethod() === 'HEAD' && res.getStatus() < 300) {
          const offset = Number(res.getHeader('Upload-Offset') ?? 0);
          if (offset > 0) this.resumedFrom.set(percentOf(offset, file.size));
          this.sent.set(offset);
          this.meter.reset();
        }
      },
      onProgress: (sent, total) => {
        this.phase.set('uploading');
        this.sent.set(sent);
        this.total.set(total);
        this.meter.add(sent, Date.now());
        this.speed.set(this.meter.speed());
        this.secondsLeft.set(this.meter.secondsLeft(total));
      },
      onSuccess: () => void this.finished(upload),
      onError: (err) => this.failed(err),
    });
    this.upload = upload;
    const previous = (await upload.findPreviousUploads()).find((p) => p.metadata['episodeId'] === this.id());
    if (previous) upload.resumeFromPreviousUpload(previous);
    this.unfinished.update((list) => list.filter((u) => u.previous.urlStorageKey !== previous?.urlStorageKey));
    upload.start();
  }

  private async finished(upload: TusUpload): Promise<void> {
    this.phase.set('done');
    this.sent.set(this.total());
    const assetId = (upload.url ?? '').split('/').pop();
    this.upload = null;
    if (assetId) await this.router.navigate(['/staff/media', assetId], { queryParams: { uploaded: 1 } });
  }

  private failed(err: Error | DetailedError): void {
    const res = err instanceof DetailedError ? err.originalResponse : null;
    const status = res?.getStatus() ?? 0;
    this.error.set({ key: uploadErrorKey(status), detail: status >= 400 && status < 500 ? (res?.getBody() ?? '').trim() : '' });
    this.phase.set(status === 0 || status >= 500 ? 'paused' : 'idle');
    if (this.phase() === 'idle') this.upload = null;
  }

  protected pause(): void {
    void this.upload?.abort(false);
    this.phase.set('paused');
    this.speed.set(null);
    this.secondsLeft.set(null);
  }

  protected resume(): void {
    this.error.set(null);
    this.meter.reset();
    this.phase.set('starting');
    this.upload?.start();
  }

  protected async cancel(): Promise<void> {
    if (!confirm(this.i18n.t('upload.cancelConfirm'))) return;
    const upload = this.upload;
    this.upload = null;
    this.phase.set('idle');
    this.file.set(null);
    this.error.set(null);
    this.resumedFrom.set(null);
    if (upload) {
      // Without a server address yet there is nothing to delete there.
      await (upload.url ? upload.abort(true) : upload.abort(false)).catch(() => undefined);
    }
  }

  protected async discard(u: Unfinished): Promise<void> {
    if (!confirm(this.i18n.t('upload.discardConfirm', { name: u.filename }))) return;
    try {
      await TusUpload.terminate(u.previous.uploadUrl!, { headers: { Authorization: `Bearer ${this.auth.token() ?? ''}` } });
    } catch {
      /* already gone on the server */
    }
    await defaultOptions.urlStorage.removeUpload(u.previous.urlStorageKey);
    this.unfinished.update((list) => list.filter((x) => x !== u));
  }
}
