import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '../i18n/i18n';
import { verdictOf } from './calendar-views';
import { Activity } from './year-plan.api';

const CLASSES = { qualifies: 'badge ok', confirm: 'badge warn', not: 'badge muted' } as const;
const LABELS = { qualifies: 'verdict.qualifies', confirm: 'verdict.confirm', not: 'verdict.not' } as const;

/** "Geschikt · 89", "Eerst bevestigen · 78" or "Niet geschikt · 40". */
@Component({
  selector: 'app-verdict-badge',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span [class]="cls()">{{ label() | t }}@if (showScore()) { · {{ activity().qualification.score }}}</span>`,
})
export class VerdictBadge {
  readonly activity = input.required<Activity>();
  readonly showScore = input(true);
  private readonly verdict = computed(() => verdictOf(this.activity()));
  protected readonly cls = computed(() => CLASSES[this.verdict()]);
  protected readonly label = computed(() => LABELS[this.verdict()]);
}
