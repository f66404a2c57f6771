import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, FormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { LoadState } from '../shared/load-state';
import { Loader } from '../shared/loader';
import { ServerErrors } from '../shared/server-errors';
import { AdminApi, CRITERIA, Criterion, QualificationSettings } from './admin.api';

const percent = [Validators.required, Validators.min(0), Validators.max(100)];
const someWeight = (g: AbstractControl): ValidationErrors | null => (Object.values(g.value as Record<string, number>).some((w) => Number(w) > 0) ? null : { allZero: true });

/** How much each criterion counts in an activity's score, and the score an activity needs to qualify. */
@Component({
  selector: 'app-admin-weights',
  imports: [ReactiveFormsModule, TranslatePipe, LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'stack' },
  template: `
    <p class="lead">{{ 'weights.intro' | t }}</p>
    <app-load-state [loading]="settings.loading()" [error]="settings.error()" (retry)="load()" />
    @if (settings.value()) {
      <form class="card" [formGroup]="form" (ngSubmit)="save()" novalidate>
        <fieldset formGroupName="weights">
          <legend>{{ 'weights.weights' | t }}</legend>
          <div class="cols">
            @for (c of criteria; track c) {
              <div class="field">
                <label [for]="'w-' + c">{{ criterionLabel(c) | t }}</label>
                <input [id]="'w-' + c" type="number" min="0" max="100" [formControlName]="c" [attr.aria-invalid]="showWeight(c)" [attr.aria-describedby]="'w-' + c + '-share'" />
                <p class="muted" [id]="'w-' + c + '-share'">
                  @if (showWeight(c)) { <span class="field-error">{{ 'weights.range' | t }}</span> } @else { {{ 'weights.share' | t: { pct: share()[c] } }} }
                </p>
                @for (m of errors.of('weights.' + c); track m) { <p class="field-error">{{ m }}</p> }
              </div>
            }
          </div>
          @if (form.controls.weights.hasError('allZero')) { <p class="field-error">{{ 'weights.allZero' | t }}</p> }
        </fieldset>
        <div class="cols">
          <div class="field">
            <label for="w-threshold">{{ 'weights.threshold' | t }}</label>
            <input id="w-threshold" type="number" min="0" max="100" formControlName="threshold" [attr.aria-invalid]="show('threshold')" aria-describedby="w-threshold-help" />
            <p class="muted" id="w-threshold-help">@if (show('threshold')) { <span class="field-error">{{ 'weights.range' | t }}</span> } @else { {{ 'weights.thresholdHelp' | t }} }</p>
          </div>
          <div class="field">
            <label for="w-crew">{{ 'weights.crewNeeded' | t }}</label>
            <input id="w-crew" type="number" min="1" max="20" formControlName="crewNeeded" [attr.aria-invalid]="show('crewNeeded')" aria-describedby="w-crew-help" />
            <p class="muted" id="w-crew-help">@if (show('crewNeeded')) { <span class="field-error">{{ 'weights.crewRange' | t }}</span> } @else { {{ 'weights.crewHelp' | t }} }</p>
          </div>
        </div>
        @if (errors.message() !== null) { <p class="alert" role="alert">{{ errors.message() || ('shared.failed' | t) }}</p> }
        @if (saved()) { <p class="success" role="status">{{ 'weights.saved' | t }}</p> }
        <button type="submit" [disabled]="busy()">{{ 'shared.save' | t }}</button>
      </form>
    }
  `,
  styles: `
    fieldset { border: 0; padding: 0; margin: 0; }
    legend { font-weight: 600; margin-bottom: .5rem; font-size: 1.1rem; }
    .field .muted { margin: .2rem 0 0; font-size: .9rem; }
  `,
})
export class AdminWeights {
  private readonly api = inject(AdminApi);
  private readonly fb = inject(FormBuilder).nonNullable;
  protected readonly criteria = CRITERIA;
  protected readonly settings = new Loader(() => this.api.settings());
  protected readonly form = this.fb.group({
    weights: this.fb.group(Object.fromEntries(CRITERIA.map((c) => [c, [0, percent]])) as Record<Criterion, [number, typeof percent]>, { validators: someWeight }),
    threshold: [50, [...percent, Validators.pattern(/^\d+$/)]],
    crewNeeded: [1, [Validators.required, Validators.min(1), Validators.max(20), Validators.pattern(/^\d+$/)]],
  });
  private readonly weights = toSignal(this.form.controls.weights.valueChanges);
  /** Each criterion's share of the score, in whole percent. */
  protected readonly share = computed(() => {
    const w = (this.weights() ?? this.form.controls.weights.getRawValue()) as Record<Criterion, number>;
    const total = CRITERIA.reduce((s, c) => s + (Number(w[c]) || 0), 0);
    return Object.fromEntries(CRITERIA.map((c) => [c, total ? Math.round(((Number(w[c]) || 0) / total) * 100) : 0])) as Record<Criterion, number>;
  });
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly submitted = signal(false);
  protected readonly errors = new ServerErrors();

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    await this.settings.load();
    const s = this.settings.value();
    if (s) this.form.setValue(s);
  }

  protected criterionLabel(c: Criterion): MessageKey {
    return `criterion.${c}` as MessageKey;
  }
  protected showWeight(c: Criterion): boolean {
    const ctl = this.form.controls.weights.controls[c];
    return ctl.invalid && (ctl.touched || this.submitted());
  }
  protected show(name: 'threshold' | 'crewNeeded'): boolean {
    const c = this.form.controls[name];
    return c.invalid && (c.touched || this.submitted());
  }

  protected async save(): Promise<void> {
    this.submitted.set(true);
    this.saved.set(false);
    this.errors.clear();
    if (this.form.invalid) return;
    this.busy.set(true);
    try {
      const v = this.form.getRawValue();
      const body: QualificationSettings = {
        weights: Object.fromEntries(CRITERIA.map((c) => [c, Number(v.weights[c])])) as Record<Criterion, number>,
        threshold: Number(v.threshold),
        crewNeeded: Number(v.crewNeeded),
      };
      this.settings.value.set(await this.api.saveSettings(body));
      this.saved.set(true);
    } catch (err) {
      this.errors.set(err);
    } finally {
      this.busy.set(false);
    }
  }
}
