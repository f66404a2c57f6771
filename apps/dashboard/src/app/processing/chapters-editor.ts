import { ChangeDetectionStrategy, Component, inject, input, linkedSignal, output, signal } from '@angular/core';
import { TranslatePipe } from '../i18n/i18n';
import { ServerErrors } from '../shared/server-errors';
import { formatClock } from '../upload/transfer';
import { ChapterRow, checkChapters, formatTime, RowErrors } from './chapters';
import { MediaApi, MediaAsset } from './media.api';

/** Chapters of a recording as rows of a start time and a title, checked before they are saved. */
@Component({
  selector: 'app-chapters-editor',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card">
      <h2>{{ 'chapters.title' | t }}</h2>
      <p class="muted">{{ 'chapters.help' | t: { duration: clock(asset().durationS ?? 0) } }}</p>
      <form (submit)="$event.preventDefault(); save()" novalidate>
        @for (row of rows(); track $index; let i = $index) {
          <fieldset class="row">
            <legend class="visually-hidden">{{ 'chapters.rowN' | t: { n: i + 1 } }}</legend>
            <div class="field time">
              <label [for]="'ch-time-' + i">{{ 'chapters.start' | t }}</label>
              <input [id]="'ch-time-' + i" [value]="row.time" [disabled]="!editable()" placeholder="0:00" inputmode="numeric"
                     (input)="set(i, 'time', $any($event.target).value)" [attr.aria-invalid]="!!errors()[i]?.time"
                     [attr.aria-describedby]="'ch-time-' + i + '-error'" />
              @if (errors()[i]?.time; as e) { <p class="field-error" [id]="'ch-time-' + i + '-error'">{{ e | t }}</p> }
            </div>
            <div class="field grow">
              <label [for]="'ch-title-' + i">{{ 'chapters.chapterTitle' | t }}</label>
              <input [id]="'ch-title-' + i" [value]="row.title" [disabled]="!editable()" maxlength="200"
                     (input)="set(i, 'title', $any($event.target).value)" [attr.aria-invalid]="!!errors()[i]?.title"
                     [attr.aria-describedby]="'ch-title-' + i + '-error'" />
              @if (errors()[i]?.title; as e) { <p class="field-error" [id]="'ch-title-' + i + '-error'">{{ e | t }}</p> }
            </div>
            @if (editable()) {
              <button type="button" class="secondary" (click)="removeRow(i)" [attr.aria-label]="'chapters.removeN' | t: { n: i + 1 }">{{ 'shared.remove' | t }}</button>
            }
          </fieldset>
        } @empty {
          <p>{{ 'chapters.none' | t }}</p>
        }
        @if (server.message() !== null) {
          <div class="alert" role="alert">
            <p>{{ server.message() || ('shared.failed' | t) }}</p>
            @for (p of problems(); track $index) { <p>{{ p }}</p> }
          </div>
        }
        @if (saved()) { <p class="success" role="status">{{ 'chapters.saved' | t }}</p> }
        @if (editable()) {
          <div class="button-row">
            <button type="button" class="secondary" (click)="addRow()">{{ 'chapters.add' | t }}</button>
            <button type="submit" [disabled]="busy()">{{ (busy() ? 'shared.saving' : 'chapters.save') | t }}</button>
          </div>
        }
      </form>
    </section>
  `,
  styles: `
    .row { border: 0; padding: 0; margin: 0; display: flex; gap: .75rem; align-items: start; flex-wrap: wrap; }
    .row > button { margin-top: 1.85rem; }
    .time { flex: 0 0 7rem; }
    .grow { flex: 1 1 14rem; }
  `,
})
export class ChaptersEditor {
  readonly asset = input.required<MediaAsset>();
  readonly editable = input(false);
  readonly changed = output<MediaAsset>();
  private readonly api = inject(MediaApi);
  protected readonly clock = formatClock;
  /** Reset from the server only when the saved chapters change, not on every progress update of the asset. */
  protected readonly rows = linkedSignal<string, ChapterRow[]>({
    source: () => JSON.stringify(this.asset().chapters),
    computation: (saved) => (JSON.parse(saved) as { startS: number; title: string }[]).map((c) => ({ time: formatTime(c.startS), title: c.title })),
  });
  protected readonly errors = signal<RowErrors[]>([]);
  protected readonly problems = signal<string[]>([]);
  protected readonly server = new ServerErrors();
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);

  protected set(i: number, field: keyof ChapterRow, value: string): void {
    this.rows.update((rows) => rows.map((r, j) => (j === i ? { ...r, [field]: value } : r)));
    this.saved.set(false);
  }

  protected addRow(): void {
    const last = this.rows().at(-1);
    this.rows.update((rows) => [...rows, { time: last ? '' : '0:00', title: '' }]);
    this.saved.set(false);
  }

  protected removeRow(i: number): void {
    this.rows.update((rows) => rows.filter((_, j) => j !== i));
    this.errors.update((errors) => errors.filter((_, j) => j !== i));
    this.saved.set(false);
  }

  protected async save(): Promise<void> {
    this.server.clear();
    this.problems.set([]);
    this.saved.set(false);
    const { errors, chapters } = checkChapters(this.rows(), this.asset().durationS);
    this.errors.set(errors);
    if (!chapters) return;
    this.busy.set(true);
    try {
      const asset = await this.api.putChapters(this.asset().id, chapters);
      this.saved.set(true);
      this.changed.emit(asset);
    } catch (err) {
      const p = this.server.set(err);
      const list = p.body['problems'];
      this.problems.set([...(Array.isArray(list) ? list.map((x: { message: string }) => x.message) : []), ...Object.values(p.fields).flat()]);
    } finally {
      this.busy.set(false);
    }
  }
}
