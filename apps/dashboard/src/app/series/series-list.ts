import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { LoadState } from '../shared/load-state';
import { Loader } from '../shared/loader';
import { ServerErrors } from '../shared/server-errors';
import { SeriesApi, STAGES } from './series.api';

/** Every screencast series with how far its episodes are, and a form to start a new series. */
@Component({
  selector: 'app-series-list',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'stack' },
  template: `
    <div class="page-head"><h1>{{ 'series.title' | t }}</h1></div>
    <p class="lead">{{ 'series.intro' | t }}</p>

    <app-load-state [loading]="series.loading()" [error]="series.error()" (retry)="series.load()" />
    @if (series.value(); as items) {
      @if (!items.length) {
        <div class="empty card">
          <h2>{{ 'series.emptyTitle' | t }}</h2>
          <p>{{ 'series.emptyHelp' | t }}</p>
        </div>
      } @else {
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{{ 'series.title' | t }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ 'series.name' | t }}</th>
                <th scope="col">{{ 'series.audience' | t }}</th>
                @for (s of stages; track s) { <th scope="col">{{ stageLabel(s) | t }}</th> }
              </tr>
            </thead>
            <tbody>
              @for (s of items; track s.id) {
                <tr>
                  <td><a [routerLink]="['/staff/series', s.id]">{{ s.title }}</a></td>
                  <td>{{ s.audience || '—' }}</td>
                  @for (st of stages; track st) { <td>{{ s.episodeCounts[st] }}</td> }
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    }

    @if (auth.can('planner', 'producer')) {
      <form class="card new" [formGroup]="form" (ngSubmit)="create()" novalidate>
        <h2>{{ 'series.new' | t }}</h2>
        <div class="cols">
          <div class="field">
            <label for="s-title">{{ 'series.name' | t }}</label>
            <input id="s-title" formControlName="title" [attr.aria-invalid]="showTitle()" aria-describedby="s-title-error" />
            @if (showTitle() || errors.of('title').length || errors.of('slug').length) {
              <p class="field-error" id="s-title-error">{{ showTitle() ? ('series.titleRequired' | t) : errors.of('title').concat(errors.of('slug')).join(' ') }}</p>
            }
          </div>
          <div class="field">
            <label for="s-audience">{{ 'series.audience' | t }}</label>
            <input id="s-audience" formControlName="audience" [placeholder]="'series.audienceExample' | t" />
          </div>
          <div class="field">
            <label for="s-category">{{ 'series.category' | t }}</label>
            <input id="s-category" formControlName="category" />
          </div>
          <div class="field">
            <label for="s-language">{{ 'series.language' | t }}</label>
            <select id="s-language" formControlName="language">
              <option value="nl">Nederlands</option>
              <option value="en">English</option>
            </select>
          </div>
        </div>
        <div class="field">
          <label for="s-description">{{ 'series.description' | t }}</label>
          <textarea id="s-description" rows="2" formControlName="description"></textarea>
        </div>
        @if (errors.message() !== null && !errors.of('title').length) { <p class="alert" role="alert">{{ errors.message() || ('shared.failed' | t) }}</p> }
        <button type="submit" [disabled]="busy()">{{ 'series.create' | t }}</button>
      </form>
    }
  `,
  styles: `
    .new { margin-top: 1.5rem; }
    h2 { margin-top: 0; font-size: 1.15rem; }
  `,
})
export class SeriesList {
  protected readonly auth = inject(AuthService);
  private readonly api = inject(SeriesApi);
  private readonly router = inject(Router);
  protected readonly stages = STAGES;
  protected readonly series = new Loader(() => this.api.list());
  protected readonly busy = signal(false);
  protected readonly submitted = signal(false);
  protected readonly errors = new ServerErrors();
  protected readonly form = inject(FormBuilder).nonNullable.group({
    title: ['', [Validators.required, Validators.maxLength(200)]],
    audience: [''],
    category: [''],
    language: ['nl'],
    description: [''],
  });

  constructor() {
    void this.series.load();
  }

  protected stageLabel(s: string): MessageKey {
    return `stage.${s}` as MessageKey;
  }

  protected showTitle(): boolean {
    const c = this.form.controls.title;
    return c.invalid && (c.touched || this.submitted());
  }

  protected async create(): Promise<void> {
    this.submitted.set(true);
    this.errors.clear();
    if (this.form.invalid) return;
    this.busy.set(true);
    try {
      const v = this.form.getRawValue();
      const s = await this.api.create({ ...v, title: v.title.trim() });
      await this.router.navigate(['/staff/series', s.id]);
    } catch (err) {
      this.errors.set(err);
    } finally {
      this.busy.set(false);
    }
  }
}
