import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { WhenPipe } from '../shared/dates';
import { LoadState } from '../shared/load-state';
import { Loader } from '../shared/loader';
import { ServerErrors } from '../shared/server-errors';
import { VerdictBadge } from './verdict-badge';
import { Activity, CAMERA_PLANS, CameraPlan, RIGHTS_CONSENTS, RightsConsent, YearPlanApi } from './year-plan.api';

const GATE_STATUS = { passed: 'badge ok', failed: 'badge danger', needs_confirmation: 'badge warn' } as const;

/** One activity: why it does or does not qualify, the staff decisions that change that, and the way to plan its broadcast. */
@Component({
  selector: 'app-activity-detail',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, WhenPipe, LoadState, VerdictBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'stack' },
  templateUrl: './activity-detail.html',
  styles: `
    .verdict { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: center; }
    .score { font-size: 1.1rem; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; margin: 0; }
    dl.facts dt { font-weight: 600; }
    dl.facts dd { margin: 0; }
    .radio { display: flex; gap: .5rem; align-items: center; font-weight: 400; }
    .radio input { width: auto; }
    fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
    legend { font-weight: 600; margin-bottom: .25rem; }
  `,
})
export class ActivityDetail {
  readonly id = input.required<string>();

  protected readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18n);
  private readonly api = inject(YearPlanApi);
  private readonly fb = inject(FormBuilder).nonNullable;

  protected readonly activity = new Loader<Activity>(() => this.api.activity(this.id()));
  protected readonly broadcasts = new Loader(() => this.api.broadcastsOf(this.id()));
  protected readonly broadcast = computed(() => (this.broadcasts.value() ?? []).find((b) => b.status !== 'cancelled' && b.status !== 'failed') ?? null);
  protected readonly gateClass = GATE_STATUS;
  protected readonly consents = RIGHTS_CONSENTS;
  protected readonly plans = CAMERA_PLANS;

  protected readonly decisions = this.fb.group({
    rightsConsent: ['unknown' as RightsConsent],
    cameraPlan: ['' as CameraPlan | ''],
    audienceParticipation: ['auto' as 'auto' | 'yes' | 'no'],
  });
  protected readonly decisionsErrors = new ServerErrors();
  protected readonly decisionsSaved = signal(false);
  protected readonly savingDecisions = signal(false);

  protected readonly override = this.fb.group({
    qualifies: ['' as '' | 'yes' | 'no', Validators.required],
    note: ['', [Validators.required, Validators.minLength(3), Validators.maxLength(2000)]],
  });
  protected readonly overrideErrors = new ServerErrors();
  protected readonly overrideSubmitted = signal(false);
  protected readonly savingOverride = signal(false);
  protected readonly overrideSaved = signal(false);

  constructor() {
    effect(() => {
      this.id();
      untracked(() => {
        void this.load();
        void this.broadcasts.load();
      });
    });
  }

  protected async load(): Promise<void> {
    await this.activity.load();
    const a = this.activity.value();
    if (a) this.fill(a);
  }

  private fill(a: Activity): void {
    this.decisions.setValue({
      rightsConsent: a.rightsConsent,
      cameraPlan: a.cameraPlan ?? '',
      audienceParticipation: a.audienceParticipation === null ? 'auto' : a.audienceParticipation ? 'yes' : 'no',
    });
    this.decisions.markAsPristine();
  }

  protected gateName(name: string): MessageKey {
    return `gate.${name}` as MessageKey;
  }
  protected criterionName(name: string): MessageKey {
    return `criterion.${name}` as MessageKey;
  }
  protected gateStatus(status: keyof typeof GATE_STATUS): MessageKey {
    return `gateStatus.${status}` as MessageKey;
  }
  protected consentLabel(c: string): MessageKey {
    return `consent.${c}` as MessageKey;
  }
  protected planLabel(p: string): MessageKey {
    return `cameraPlan.${p}` as MessageKey;
  }

  protected confirmList(a: Activity): string {
    return a.qualification.needsConfirmation.map((g) => this.i18n.t(this.gateName(g))).join(', ');
  }
  protected statusLabel(a: Activity): MessageKey {
    return `activityStatus.${a.status}` as MessageKey;
  }
  protected percent(v: number): string {
    return `${Math.round(v * 100)}%`;
  }

  protected async saveDecisions(): Promise<void> {
    this.decisionsErrors.clear();
    this.decisionsSaved.set(false);
    const v = this.decisions.getRawValue();
    this.savingDecisions.set(true);
    try {
      const a = await this.api.update(this.id(), {
        rightsConsent: v.rightsConsent,
        cameraPlan: v.cameraPlan || null,
        audienceParticipation: v.audienceParticipation === 'auto' ? null : v.audienceParticipation === 'yes',
      });
      this.activity.value.set(a);
      this.fill(a);
      this.decisionsSaved.set(true);
    } catch (err) {
      this.decisionsErrors.set(err);
    } finally {
      this.savingDecisions.set(false);
    }
  }

  protected showOverrideError(name: 'qualifies' | 'note'): boolean {
    const c = this.override.controls[name];
    return c.invalid && (c.touched || this.overrideSubmitted());
  }

  protected async saveOverride(): Promise<void> {
    this.overrideSubmitted.set(true);
    this.overrideErrors.clear();
    this.overrideSaved.set(false);
    if (this.override.invalid) return;
    const { qualifies, note } = this.override.getRawValue();
    this.savingOverride.set(true);
    try {
      this.activity.value.set(await this.api.setVerdict(this.id(), qualifies === 'yes', note.trim()));
      this.override.reset();
      this.overrideSubmitted.set(false);
      this.overrideSaved.set(true);
    } catch (err) {
      this.overrideErrors.set(err);
    } finally {
      this.savingOverride.set(false);
    }
  }

  protected async clearOverride(): Promise<void> {
    if (!confirm(this.i18n.t('activity.clearOverrideConfirm'))) return;
    this.overrideErrors.clear();
    this.overrideSaved.set(false);
    try {
      this.activity.value.set(await this.api.clearVerdict(this.id()));
    } catch (err) {
      this.overrideErrors.set(err);
    }
  }
}
