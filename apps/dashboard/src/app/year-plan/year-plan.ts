import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { dayKey, WhenPipe } from '../shared/dates';
import { LoadState } from '../shared/load-state';
import { Loader } from '../shared/loader';
import { problemOf } from '../shared/problem';
import { CalendarImport } from './calendar-import';
import { ActivityFilters, filterActivities, monthWeeks, optionsOf, step, VerdictFilter, weekDays } from './calendar-views';
import { VerdictBadge } from './verdict-badge';
import { ImportResult, Room, YearPlanApi } from './year-plan.api';

type View = 'list' | 'month' | 'week';
const VIEWS: View[] = ['list', 'month', 'week'];

/**
 * The imported calendar with each activity's livestream verdict, as a list, a month or a week. The view,
 * the day shown and the filters live in the address, so "back" from an activity returns to the same place.
 */
@Component({
  selector: 'app-year-plan',
  imports: [FormsModule, RouterLink, TranslatePipe, WhenPipe, LoadState, CalendarImport, VerdictBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'stack' },
  templateUrl: './year-plan.html',
  styleUrl: './year-plan.css',
})
export class YearPlan {
  readonly view = input<string>();
  readonly day = input<string>();
  readonly verdict = input<string>();
  readonly room = input<string>();
  readonly category = input<string>();
  readonly audience = input<string>();

  protected readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18n);
  private readonly api = inject(YearPlanApi);
  private readonly router = inject(Router);

  protected readonly views = VIEWS;
  protected readonly currentView = computed<View>(() => (VIEWS.includes(this.view() as View) ? (this.view() as View) : 'list'));
  protected readonly anchor = computed(() => (/^\d{4}-\d{2}-\d{2}$/.test(this.day() ?? '') ? this.day()! : dayKey(new Date())));
  protected readonly year = computed(() => Number(this.anchor().slice(0, 4)));
  protected readonly years = computed(() => {
    const now = new Date().getFullYear();
    return [...new Set([now - 1, now, now + 1, now + 2, this.year()])].sort();
  });
  protected readonly filters = computed<ActivityFilters>(() => ({
    verdict: (['qualifies', 'confirm', 'not'].includes(this.verdict() ?? '') ? this.verdict() : '') as VerdictFilter,
    room: this.room() ?? '',
    category: this.category() ?? '',
    audience: this.audience() ?? '',
  }));

  private readonly loadedYear = signal<number | null>(null);
  protected readonly activities = new Loader(() => this.api.activities({ from: `${this.year()}-01-01`, to: `${this.year() + 1}-01-01` }));
  protected readonly rooms = new Loader<Room[]>(() => this.api.rooms());
  protected readonly all = computed(() => this.activities.value() ?? []);
  protected readonly shown = computed(() => filterActivities(this.all(), this.filters()));
  protected readonly qualifying = computed(() => this.shown().filter((a) => a.qualification.qualifies).length);
  protected readonly categories = computed(() => optionsOf(this.all(), 'category'));
  protected readonly audiences = computed(() => optionsOf(this.all(), 'audience'));
  protected readonly filtered = computed(() => Object.values(this.filters()).some(Boolean));
  protected readonly weeks = computed(() => monthWeeks(this.anchor(), this.shown()));
  protected readonly week = computed(() => weekDays(this.anchor(), this.shown()));
  protected readonly exportError = signal<string | null>(null);

  constructor() {
    void this.rooms.load();
    effect(() => {
      const year = this.year();
      untracked(() => {
        if (this.loadedYear() === year) return;
        this.loadedYear.set(year);
        void this.activities.load();
      });
    });
  }

  protected reload(): void {
    void this.activities.load();
  }

  protected set(changes: Record<string, string | null>): void {
    const queryParams = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v || null]));
    void this.router.navigate([], { queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected setYear(year: string): void {
    const now = new Date();
    this.set({ day: Number(year) === now.getFullYear() ? dayKey(now) : `${year}-01-01` });
  }

  protected move(by: number): void {
    this.set({ day: step(this.anchor(), this.currentView() === 'week' ? 'week' : 'month', by) });
  }

  protected resetFilters(): void {
    this.set({ verdict: null, room: null, category: null, audience: null });
  }

  protected onImported(result: ImportResult): void {
    if (result.year !== this.year()) this.setYear(String(result.year));
    else void this.activities.load();
    void this.rooms.load();
  }

  protected async exportCsv(): Promise<void> {
    this.exportError.set(null);
    const f = this.filters();
    try {
      const blob = await this.api.exportCsv({
        from: `${this.year()}-01-01`,
        to: `${this.year() + 1}-01-01`,
        qualifies: f.verdict === 'qualifies' ? true : f.verdict === 'not' ? false : undefined,
        room: f.room || undefined,
        category: f.category || undefined,
      });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `activiteiten-${this.year()}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      this.exportError.set(problemOf(err).message || this.i18n.t('shared.failed'));
    }
  }

  protected viewLabel(v: View) {
    return `yearPlan.view.${v}` as const;
  }
}
