import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { BroadcastStatus } from './broadcasts.api';

const CLASSES: Record<BroadcastStatus, string> = {
  draft: 'badge muted',
  scheduled: 'badge info',
  ready: 'badge ok',
  live: 'badge danger',
  ended: 'badge muted',
  published: 'badge ok',
  cancelled: 'badge muted',
  failed: 'badge danger',
};

@Component({
  selector: 'app-status-badge',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span [class]="cls()">{{ label() | t }}</span>`,
})
export class StatusBadge {
  readonly status = input.required<BroadcastStatus>();
  protected readonly cls = computed(() => CLASSES[this.status()]);
  protected readonly label = computed(() => `status.${this.status()}` as MessageKey);
}
