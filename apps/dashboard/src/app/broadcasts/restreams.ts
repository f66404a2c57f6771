import { ChangeDetectionStrategy, Component, inject, input, linkedSignal, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { ServerErrors } from '../shared/server-errors';
import { BroadcastsApi, Restream } from './broadcasts.api';

const RTMP = /^rtmps?:\/\/[^\s/]+(\/\S*)?$/;

/** Other platforms (YouTube, Facebook, …) the broadcast is passed on to; their keys are only shown masked. */
@Component({
  selector: 'app-restreams',
  imports: [ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card">
      <h2>{{ 'restream.title' | t }}</h2>
      <p class="muted">{{ 'restream.help' | t }}</p>
      @if (list().length) {
        <ul class="list">
          @for (r of list(); track r.id) {
            <li>
              <strong>{{ r.name }}</strong> <code>{{ r.rtmpUrl }}</code> <span class="muted">{{ 'restream.key' | t }}: {{ r.streamKey }}</span>
              <button type="button" class="secondary" (click)="remove(r)" [attr.aria-label]="'restream.removeNamed' | t: { name: r.name }">{{ 'shared.remove' | t }}</button>
            </li>
          }
        </ul>
      } @else {
        <p>{{ 'restream.empty' | t }}</p>
      }
      <form [formGroup]="form" (ngSubmit)="add()" novalidate>
        <div class="cols">
          <div class="field">
            <label for="rs-name">{{ 'restream.name' | t }}</label>
            <input id="rs-name" formControlName="name" placeholder="YouTube" [attr.aria-invalid]="show('name')" aria-describedby="rs-name-error" />
            @if (show('name') || errors.of('name').length) { <p class="field-error" id="rs-name-error">{{ show('name') ? ('restream.nameRequired' | t) : errors.of('name').join(' ') }}</p> }
          </div>
          <div class="field">
            <label for="rs-url">{{ 'restream.url' | t }}</label>
            <input id="rs-url" formControlName="rtmpUrl" placeholder="rtmp://a.rtmp.youtube.com/live2" [attr.aria-invalid]="show('rtmpUrl')" aria-describedby="rs-url-error" />
            @if (show('rtmpUrl') || errors.of('rtmpUrl').length) { <p class="field-error" id="rs-url-error">{{ show('rtmpUrl') ? ('restream.urlInvalid' | t) : errors.of('rtmpUrl').join(' ') }}</p> }
          </div>
          <div class="field">
            <label for="rs-key">{{ 'restream.key' | t }}</label>
            <input id="rs-key" type="password" autocomplete="off" formControlName="streamKey" [attr.aria-invalid]="show('streamKey')" aria-describedby="rs-key-error" />
            @if (show('streamKey') || errors.of('streamKey').length) { <p class="field-error" id="rs-key-error">{{ show('streamKey') ? ('restream.keyRequired' | t) : errors.of('streamKey').join(' ') }}</p> }
          </div>
        </div>
        @if (errors.message() !== null && !errors.hasFields()) { <p class="alert" role="alert">{{ errors.message() || ('shared.failed' | t) }}</p> }
        <button type="submit" class="secondary" [disabled]="busy()">{{ 'restream.add' | t }}</button>
      </form>
    </section>
  `,
  styles: `
    .list { list-style: none; padding: 0; }
    .list li { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; padding: .4rem 0; border-bottom: 1px solid #e3e7ee; }
    code { overflow-wrap: anywhere; }
  `,
})
export class Restreams {
  readonly broadcastId = input.required<string>();
  readonly initial = input.required<Restream[]>();
  private readonly api = inject(BroadcastsApi);
  private readonly i18n = inject(I18n);
  protected readonly list = linkedSignal(() => this.initial());
  protected readonly busy = signal(false);
  protected readonly submitted = signal(false);
  protected readonly errors = new ServerErrors();
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(100)]],
    rtmpUrl: ['', [Validators.required, Validators.pattern(RTMP)]],
    streamKey: ['', [Validators.required, Validators.minLength(4)]],
  });

  protected show(name: 'name' | 'rtmpUrl' | 'streamKey'): boolean {
    const c = this.form.controls[name];
    return c.invalid && (c.touched || this.submitted());
  }

  protected async add(): Promise<void> {
    this.submitted.set(true);
    this.errors.clear();
    if (this.form.invalid) return;
    this.busy.set(true);
    try {
      const v = this.form.getRawValue();
      const r = await this.api.addRestream(this.broadcastId(), { name: v.name.trim(), rtmpUrl: v.rtmpUrl.trim(), streamKey: v.streamKey });
      this.list.update((l) => [...l, r]);
      this.form.reset();
      this.submitted.set(false);
    } catch (err) {
      this.errors.set(err);
    } finally {
      this.busy.set(false);
    }
  }

  protected async remove(r: Restream): Promise<void> {
    if (!confirm(this.i18n.t('restream.removeConfirm', { name: r.name }))) return;
    this.errors.clear();
    try {
      await this.api.removeRestream(this.broadcastId(), r.id);
      this.list.update((l) => l.filter((x) => x.id !== r.id));
    } catch (err) {
      this.errors.set(err);
    }
  }
}
