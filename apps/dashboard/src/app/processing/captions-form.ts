import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { ServerErrors } from '../shared/server-errors';
import { MediaApi, MediaAsset } from './media.api';

export const CAPTION_LANGUAGES = ['nl', 'en', 'fr', 'de', 'ar', 'tr', 'pl', 'uk'];
const MAX_BYTES = 1_000_000;

/** Checks a caption file before it is sent: a SubRip or WebVTT file of at most 1 MB. */
export function captionFileProblem(file: File | null): MessageKey | null {
  if (!file) return 'captions.fileRequired';
  if (!/\.(srt|vtt)$/i.test(file.name)) return 'captions.fileType';
  if (file.size > MAX_BYTES) return 'captions.fileTooLarge';
  return null;
}

/** Caption tracks of a recording: upload one per language (SubRip or WebVTT), remove one. */
@Component({
  selector: 'app-captions-form',
  imports: [FormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card">
      <h2>{{ 'captions.title' | t }}</h2>
      <p class="muted">{{ 'captions.help' | t }}</p>
      @if (asset().captions.length) {
        <ul class="tracks">
          @for (c of asset().captions; track c.lang) {
            <li>
              <span>{{ c.label }} ({{ c.lang }})</span>
              @if (editable()) {
                <button type="button" class="secondary small" [disabled]="busy()" (click)="remove(c.lang, c.label)"
                        [attr.aria-label]="'captions.removeNamed' | t: { name: c.label }">{{ 'shared.remove' | t }}</button>
              }
            </li>
          }
        </ul>
      } @else {
        <p>{{ 'captions.none' | t }}</p>
      }
      @if (editable()) {
        <form (ngSubmit)="save()" novalidate>
          <div class="cols">
            <div class="field">
              <label for="cap-lang">{{ 'captions.language' | t }}</label>
              <select id="cap-lang" name="lang" [(ngModel)]="lang">
                @for (l of languages; track l) { <option [value]="l">{{ languageName(l) }}</option> }
              </select>
            </div>
            <div class="field">
              <label for="cap-file">{{ 'captions.file' | t }}</label>
              <input id="cap-file" type="file" accept=".srt,.vtt,text/vtt" (change)="pick($event)"
                     [attr.aria-invalid]="!!fileProblem()" aria-describedby="cap-file-error" />
              @if (fileProblem(); as p) { <p class="field-error" id="cap-file-error">{{ p | t }}</p> }
            </div>
          </div>
          @if (problems().length) {
            <div class="alert" role="alert">
              <p>{{ 'captions.problems' | t }}</p>
              <ul>
                @for (p of problems(); track $index) {
                  <li>{{ p.line ? ('captions.line' | t: { line: p.line }) + ': ' : '' }}{{ p.message }}</li>
                }
              </ul>
            </div>
          } @else if (errors.message() !== null) {
            <p class="alert" role="alert">{{ errors.message() || ('shared.failed' | t) }}</p>
          }
          @if (saved(); as s) { <p class="success" role="status">{{ 'captions.saved' | t: { name: s } }}</p> }
          <button type="submit" [disabled]="busy()">{{ (busy() ? 'shared.saving' : 'captions.upload') | t }}</button>
        </form>
      }
    </section>
  `,
  styles: `
    .tracks { padding-left: 1.2rem; }
    .tracks li { margin-bottom: .3rem; }
    .tracks span { margin-right: .5rem; }
    .small { padding: .25rem .5rem; font-size: .85rem; }
  `,
})
export class CaptionsForm {
  readonly asset = input.required<MediaAsset>();
  readonly editable = input(false);
  readonly changed = output<MediaAsset>();
  private readonly api = inject(MediaApi);
  private readonly i18n = inject(I18n);
  protected readonly languages = CAPTION_LANGUAGES;
  protected lang = 'nl';
  private file: File | null = null;
  protected readonly fileProblem = signal<MessageKey | null>(null);
  protected readonly problems = signal<{ line: number; message: string }[]>([]);
  protected readonly errors = new ServerErrors();
  protected readonly busy = signal(false);
  protected readonly saved = signal<string | null>(null);

  protected languageName(code: string): string {
    try {
      return new Intl.DisplayNames([this.i18n.lang()], { type: 'language' }).of(code) ?? code;
    } catch {
      return code;
    }
  }

  protected pick(event: Event): void {
    this.file = (event.target as HTMLInputElement).files?.[0] ?? null;
    this.fileProblem.set(null);
  }

  protected async save(): Promise<void> {
    this.saved.set(null);
    this.problems.set([]);
    this.errors.clear();
    this.fileProblem.set(captionFileProblem(this.file));
    if (this.fileProblem()) return;
    const file = this.file!;
    this.busy.set(true);
    try {
      const text = await file.text();
      const vtt = /\.vtt$/i.test(file.name) || /^\uFEFF?WEBVTT/.test(text);
      const asset = await this.api.putCaptions(this.asset().id, this.lang, text, vtt);
      this.saved.set(this.languageName(this.lang));
      this.changed.emit(asset);
    } catch (err) {
      const p = this.errors.set(err);
      const list = p.body['problems'];
      if (Array.isArray(list)) this.problems.set(list as { line: number; message: string }[]);
    } finally {
      this.busy.set(false);
    }
  }

  protected async remove(lang: string, label: string): Promise<void> {
    if (!confirm(this.i18n.t('captions.removeConfirm', { name: label }))) return;
    this.busy.set(true);
    this.errors.clear();
    try {
      this.changed.emit(await this.api.removeCaptions(this.asset().id, lang));
    } catch (err) {
      this.errors.set(err);
    } finally {
      this.busy.set(false);
    }
  }
}
