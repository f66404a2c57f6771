import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { dayKey, WhenPipe } from '../shared/dates';
import { LoadState } from '../shared/load-state';
import { Loader } from '../shared/loader';
import { problemOf } from '../shared/problem';
import { ServerErrors } from '../shared/server-errors';
import { canMove, columns, isOverdue, neighbours } from './board';
import { Episode, SeriesApi, SeriesDetail, Stage } from './series.api';

/**
 * A series' episodes as a board by production stage. Cards move one stage at a time: dragged to the next
 * or previous column, or with the buttons on the card (keyboard and touch).
 */
@Component({
  selector: 'app-series-board',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, WhenPipe, LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'stack' },
  templateUrl: './series-board.html',
  styleUrl: './series-board.css',
})
export class SeriesBoard {
  readonly id = input.required<string>();
  protected readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);
  private readonly api = inject(SeriesApi);
  private readonly fb = inject(FormBuilder).nonNullable;

  protected readonly series = new Loader<SeriesDetail>(() => this.api.get(this.id()));
  protected readonly people = new Loader(() => this.api.people());
  protected readonly episodes = signal<Episode[]>([]);
  protected readonly board = computed(() => columns(this.episodes()));
  protected readonly today = dayKey(new Date());
  protected readonly canMoveCards = computed(() => this.auth.can('planner', 'producer', 'editor'));
  protected readonly canAdd = computed(() => this.auth.can('planner', 'producer'));
  protected readonly dragging = signal<Episode | null>(null);
  protected readonly dropTarget = signal<Stage | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly moveError = signal<string | null>(null);
  protected readonly announcement = signal('');
  protected readonly editing = signal<string | null>(null);

  protected readonly newEpisode = this.fb.group({
    title: ['', [Validators.required, Validators.maxLength(200)]],
    assigneeId: [''],
    dueDate: [''],
  });
  protected readonly addErrors = new ServerErrors();
  protected readonly addSubmitted = signal(false);

  protected readonly edit = this.fb.group({ assigneeId: [''], dueDate: [''] });
  protected readonly editErrors = new ServerErrors();

  constructor() {
    void this.people.load();
    effect(() => {
      this.id();
      untracked(() => void this.load());
    });
  }

  protected async load(): Promise<void> {
    await this.series.load();
    this.episodes.set(this.series.value()?.episodes ?? []);
  }

  protected stageLabel(s: Stage): MessageKey {
    return `stage.${s}` as MessageKey;
  }
  protected near(s: Stage) {
    return neighbours(s);
  }
  protected overdue(e: Episode): boolean {
    return isOverdue(e, this.today);
  }

  protected async move(e: Episode, to: Stage): Promise<void> {
    if (!canMove(e.stage, to)) {
      this.moveError.set(this.i18n.t('board.oneStage', { from: this.i18n.t(this.stageLabel(e.stage)), to: this.i18n.t(this.stageLabel(to)) }));
      return;
    }
    this.moveError.set(null);
    this.busy.set(e.id);
    try {
      this.replace(await this.api.updateEpisode(e.id, { stage: to }));
      this.announcement.set(this.i18n.t('board.moved', { title: e.title, stage: this.i18n.t(this.stageLabel(to)) }));
    } catch (err) {
      this.moveError.set(problemOf(err).message || this.i18n.t('shared.failed'));
    } finally {
      this.busy.set(null);
    }
  }

  private replace(saved: Episode): void {
    this.episodes.update((list) => list.map((x) => (x.id === saved.id ? saved : x)));
  }

  // Native drag and drop: a column accepts a card only from the stage next to it.
  protected dragStart(event: DragEvent, e: Episode): void {
    this.dragging.set(e);
    event.dataTransfer?.setData('text/plain', e.id);
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  }
  protected dragOver(event: DragEvent, stage: Stage): void {
    const e = this.dragging();
    if (e && canMove(e.stage, stage)) {
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
      this.dropTarget.set(stage);
    }
  }
  protected dragLeave(stage: Stage): void {
    if (this.dropTarget() === stage) this.dropTarget.set(null);
  }
  protected drop(event: DragEvent, stage: Stage): void {
    event.preventDefault();
    const e = this.dragging();
    this.dragEnd();
    if (e) void this.move(e, stage);
  }
  protected dragEnd(): void {
    this.dragging.set(null);
    this.dropTarget.set(null);
  }

  protected showAddError(): boolean {
    const c = this.newEpisode.controls.title;
    return c.invalid && (c.touched || this.addSubmitted());
  }

  protected async add(): Promise<void> {
    this.addSubmitted.set(true);
    this.addErrors.clear();
    if (this.newEpisode.invalid) return;
    const v = this.newEpisode.getRawValue();
    this.busy.set('new');
    try {
      const e = await this.api.addEpisode(this.id(), { title: v.title.trim(), ...(v.assigneeId ? { assigneeId: v.assigneeId } : {}), ...(v.dueDate ? { dueDate: v.dueDate } : {}) });
      this.episodes.update((list) => [...list, e]);
      this.newEpisode.reset();
      this.addSubmitted.set(false);
      this.announcement.set(this.i18n.t('board.added', { title: e.title }));
    } catch (err) {
      this.addErrors.set(err);
    } finally {
      this.busy.set(null);
    }
  }

  protected startEdit(e: Episode): void {
    this.editErrors.clear();
    this.edit.setValue({ assigneeId: e.assigneeId ?? '', dueDate: e.dueDate ?? '' });
    this.editing.set(e.id);
  }

  protected async saveEdit(e: Episode): Promise<void> {
    this.editErrors.clear();
    const v = this.edit.getRawValue();
    this.busy.set(e.id);
    try {
      this.replace(await this.api.updateEpisode(e.id, { assigneeId: v.assigneeId || null, dueDate: v.dueDate || null }));
      this.editing.set(null);
    } catch (err) {
      this.editErrors.set(err);
    } finally {
      this.busy.set(null);
    }
  }
}
