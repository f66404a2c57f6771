import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslatePipe } from '../i18n/i18n';

/** The loading and error states of a read, with a retry button. */
@Component({
  selector: 'app-load-state',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error() !== null) {
      <div class="alert" role="alert">
        <p>{{ 'shared.loadFailed' | t }} {{ error() }}</p>
        <button type="button" class="secondary" (click)="retry.emit()">{{ 'shared.retry' | t }}</button>
      </div>
    } @else if (loading()) {
      <p class="muted" role="status">{{ 'shared.loading' | t }}</p>
    }
  `,
})
export class LoadState {
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  readonly retry = output<void>();
}
