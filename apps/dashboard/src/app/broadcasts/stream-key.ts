import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { WhenPipe } from '../shared/dates';
import { problemOf } from '../shared/problem';
import { BroadcastDetail, BroadcastsApi, Ingest } from './broadcasts.api';
import { copyText } from './copy';

/** Where the encoder streams to: the RTMP address and the secret key, shown on request, copied, or replaced. */
@Component({
  selector: 'app-stream-key',
  imports: [TranslatePipe, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card">
      <h2>{{ 'streamKey.title' | t }}</h2>
      <p class="muted">{{ 'streamKey.help' | t }}</p>
      @if (ingest(); as i) {
        <div class="field">
          <label for="sk-url">{{ 'streamKey.server' | t }}</label>
          <div class="copy-row">
            <input id="sk-url" readonly [value]="i.rtmpUrl" />
            <button type="button" class="secondary" (click)="copy(i.rtmpUrl, 'url')">{{ (copied() === 'url' ? 'streamKey.copied' : 'streamKey.copy') | t }}</button>
          </div>
        </div>
        <div class="field">
          <label for="sk-key">{{ 'streamKey.key' | t }}</label>
          <div class="copy-row">
            <input id="sk-key" readonly [value]="i.streamKey" autocomplete="off" spellcheck="false" />
            <button type="button" class="secondary" (click)="copy(i.streamKey, 'key')">{{ (copied() === 'key' ? 'streamKey.copied' : 'streamKey.copy') | t }}</button>
          </div>
        </div>
        <p class="muted">{{ 'streamKey.valid' | t: { from: (i.validFrom | when), until: (i.validUntil | when) } }}</p>
      }
      @if (error() !== null) {
        <p class="alert" role="alert">{{ error() || ('shared.failed' | t) }}</p>
      }
      <div class="button-row">
        @if (broadcast().hasStreamKey && !ingest()) {
          <button type="button" (click)="reveal()" [disabled]="busy()">{{ 'streamKey.reveal' | t }}</button>
        }
        @if (ingest()) {
          <button type="button" class="secondary" (click)="ingest.set(null)">{{ 'streamKey.hide' | t }}</button>
        }
        @if (canKey()) {
          <button type="button" [class.danger]="broadcast().hasStreamKey" (click)="rotate()" [disabled]="busy()">
            {{ (broadcast().hasStreamKey ? 'streamKey.rotate' : 'streamKey.create') | t }}
          </button>
        }
      </div>
      <p class="visually-hidden" aria-live="polite">{{ copied() ? ('streamKey.copied' | t) : '' }}</p>
    </section>
  `,
  styles: `
    .copy-row { display: flex; gap: .5rem; }
    .copy-row input { font-family: ui-monospace, monospace; }
  `,
})
export class StreamKey {
  readonly broadcast = input.required<BroadcastDetail>();
  readonly changed = output<void>();
  private readonly api = inject(BroadcastsApi);
  private readonly i18n = inject(I18n);
  protected readonly ingest = signal<Ingest | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly copied = signal<'url' | 'key' | null>(null);

  protected canKey(): boolean {
    return ['draft', 'scheduled', 'ready', 'live'].includes(this.broadcast().status);
  }

  protected async reveal(): Promise<void> {
    await this.run(() => this.api.ingest(this.broadcast().id));
  }

  protected async rotate(): Promise<void> {
    if (this.broadcast().hasStreamKey && !confirm(this.i18n.t('streamKey.rotateConfirm'))) return;
    if (await this.run(() => this.api.rotateKey(this.broadcast().id))) this.changed.emit();
  }

  protected async copy(text: string, which: 'url' | 'key'): Promise<void> {
    this.copied.set((await copyText(text)) ? which : null);
  }

  private async run(call: () => Promise<Ingest>): Promise<boolean> {
    this.busy.set(true);
    this.error.set(null);
    this.copied.set(null);
    try {
      this.ingest.set(await call());
      return true;
    } catch (err) {
      this.error.set(problemOf(err).message);
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
