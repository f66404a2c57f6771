import { ChangeDetectionStrategy, Component, effect, inject, input, linkedSignal, output, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslatePipe } from '../i18n/i18n';
import { ServerErrors } from '../shared/server-errors';
import { ImportResult, YearPlanApi } from './year-plan.api';

const FEED = /^(https?|webcals?):\/\/\S+$/i;

/** Imports the annual calendar from a file (ICS or CSV) or an ICS feed, and says what happened. */
@Component({
  selector: 'app-calendar-import',
  imports: [ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <details class="card import" [open]="expanded()" (toggle)="toggled($any($event.target).open)">
      <summary>{{ 'import.title' | t }}</summary>
      <p class="muted">{{ 'import.help' | t }}</p>
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <fieldset class="inline-choice">
          <legend>{{ 'import.source' | t }}</legend>
          <label><input type="radio" formControlName="source" value="file" /> {{ 'import.fromFile' | t }}</label>
          <label><input type="radio" formControlName="source" value="url" /> {{ 'import.fromUrl' | t }}</label>
        </fieldset>
        <div class="row">
          @if (form.controls.source.value === 'file') {
            <div class="field grow">
              <label for="import-file">{{ 'import.file' | t }}</label>
              <input id="import-file" type="file" accept=".ics,.csv,text/calendar,text/csv" (change)="pick($event)"
                     [attr.aria-invalid]="showFileError()" aria-describedby="import-file-error" />
              @if (showFileError()) {
                <p class="field-error" id="import-file-error">{{ (file() ? 'import.fileType' : 'import.fileRequired') | t }}</p>
              }
            </div>
          } @else {
            <div class="field grow">
              <label for="import-url">{{ 'import.url' | t }}</label>
              <input id="import-url" type="url" formControlName="url" placeholder="https://…/agenda.ics"
                     [attr.aria-invalid]="showError('url')" aria-describedby="import-url-error" />
              @if (showError('url') || errors.of('url').length) {
                <p class="field-error" id="import-url-error">{{ showError('url') ? ((form.controls.url.hasError('required') ? 'import.urlRequired' : 'import.urlInvalid') | t) : errors.of('url').join(' ') }}</p>
              }
            </div>
          }
          <div class="field year">
            <label for="import-year">{{ 'import.year' | t }}</label>
            <input id="import-year" type="number" formControlName="year" min="2000" max="2100"
                   [attr.aria-invalid]="showError('year')" aria-describedby="import-year-error" />
            @if (showError('year') || errors.of('year').length) {
              <p class="field-error" id="import-year-error">{{ showError('year') ? ('import.yearInvalid' | t) : errors.of('year').join(' ') }}</p>
            }
          </div>
        </div>
        <button type="submit" [disabled]="busy()">{{ (busy() ? 'import.busy' : 'import.submit') | t }}</button>
      </form>

      <div aria-live="polite">
        @if (errors.message() !== null) {
          <div class="alert" role="alert">
            <p>{{ errors.message() || ('shared.failed' | t) }}</p>
            @if (refused().length) {
              <ul>
                @for (e of refused(); track $index) {
                  <li>{{ 'import.line' | t: { line: e.line } }}: {{ e.message }}</li>
                }
              </ul>
            }
          </div>
        }
        @if (result(); as r) {
          <div class="success" role="status">
            <p>
              <strong>{{ 'import.done' | t: { format: r.format.toUpperCase(), year: r.year } }}</strong>
              {{ 'import.summary' | t: { created: r.created, updated: r.updated, unchanged: r.unchanged, skipped: r.skipped.length } }}
            </p>
            @if (r.skipped.length) {
              <details>
                <summary>{{ 'import.skippedList' | t: { n: r.skipped.length } }}</summary>
                <ul>
                  @for (s of r.skipped; track $index) {
                    <li>{{ s.ref }}: {{ s.reason }}</li>
                  }
                </ul>
              </details>
            }
          </div>
        }
      </div>
    </details>
  `,
  styles: `
    summary { cursor: pointer; font-weight: 600; }
    .row { display: flex; gap: 1rem; flex-wrap: wrap; }
    .grow { flex: 1 1 18rem; }
    .year { width: 8rem; }
    .inline-choice { border: 0; padding: 0; margin: 0 0 1rem; display: flex; gap: 1.5rem; flex-wrap: wrap; }
    .inline-choice legend { font-weight: 600; margin-bottom: .25rem; }
    .inline-choice label { display: flex; gap: .4rem; align-items: center; font-weight: 400; margin: 0; }
    .inline-choice input { width: auto; }
  `,
})
export class CalendarImport {
  readonly year = input.required<number>();
  /** Opened on a first visit, when there is nothing in the plan yet. */
  readonly open = input(false);
  readonly imported = output<ImportResult>();

  private readonly api = inject(YearPlanApi);
  /** Open while the plan is empty, and while it shows what an import did. */
  protected readonly expanded = linkedSignal(() => this.open() || this.result() !== null);
  protected readonly busy = signal(false);
  protected readonly submitted = signal(false);
  protected readonly file = signal<File | null>(null);
  protected readonly result = signal<ImportResult | null>(null);
  protected readonly refused = signal<{ line: number; message: string }[]>([]);
  protected readonly errors = new ServerErrors();
  protected readonly form = inject(FormBuilder).nonNullable.group({
    source: ['file' as 'file' | 'url'],
    url: ['', [Validators.required, Validators.pattern(FEED)]],
    year: [new Date().getFullYear(), [Validators.required, Validators.min(2000), Validators.max(2100)]],
  });

  constructor() {
    effect(() => this.form.controls.year.setValue(this.year()));
  }

  protected toggled(open: boolean): void {
    this.expanded.set(open);
    if (!open) this.result.set(null);
  }

  protected pick(event: Event): void {
    this.file.set((event.target as HTMLInputElement).files?.[0] ?? null);
  }

  protected showError(name: 'url' | 'year'): boolean {
    const c = this.form.controls[name];
    return c.invalid && (c.touched || this.submitted());
  }

  protected showFileError(): boolean {
    return this.submitted() && !this.fileOk();
  }

  private fileOk(): boolean {
    const f = this.file();
    return !!f && /\.(ics|ical|ifb|csv|txt)$/i.test(f.name);
  }

  async submit(): Promise<void> {
    this.submitted.set(true);
    this.errors.clear();
    this.refused.set([]);
    this.result.set(null);
    const { source, url, year } = this.form.getRawValue();
    if (this.showError('year') || (source === 'file' ? !this.fileOk() : this.showError('url'))) return;
    this.busy.set(true);
    try {
      const result = source === 'file' ? await this.api.importFile(this.file()!, year) : await this.api.importUrl(url.trim(), year);
      this.result.set(result);
      this.submitted.set(false);
      this.imported.emit(result);
    } catch (err) {
      const p = this.errors.set(err);
      const lines = p.body['errors'];
      if (Array.isArray(lines)) this.refused.set(lines as { line: number; message: string }[]);
    } finally {
      this.busy.set(false);
    }
  }
}
