import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { AuthService } from '../auth/auth.service';
import { TranslatePipe } from '../i18n/i18n';
import { ServerErrors } from '../shared/server-errors';
import { BroadcastDetail, BroadcastsApi, ChecklistItem } from './broadcasts.api';

/** The run-of-show checklist: progress, ticking items off, adding one. */
@Component({
  selector: 'app-broadcast-checklist',
  imports: [FormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card">
      <h2 id="checklist-title">{{ 'checklist.title' | t }}</h2>
      @if (items().length) {
        <p>
          <progress [value]="done()" [max]="items().length" aria-labelledby="checklist-title"></progress>
          {{ 'checklist.progress' | t: { done: done(), total: items().length } }}
          @if (openRequired()) { · {{ 'checklist.openRequired' | t: { n: openRequired() } }} }
        </p>
        <ul class="items">
          @for (item of items(); track item.id) {
            <li>
              <label>
                <input type="checkbox" [checked]="item.done" [disabled]="!editable() || busy() === item.id" (change)="tick(item, $any($event.target))" />
                <span [class.done]="item.done">{{ item.label }}</span>
                @if (item.required) { <span class="badge warn">{{ 'checklist.required' | t }}</span> }
              </label>
            </li>
          }
        </ul>
      } @else {
        <p class="muted">{{ 'checklist.empty' | t }}</p>
      }
      @if (errors.message() !== null) {
        <p class="alert" role="alert">{{ errors.message() || ('shared.failed' | t) }}</p>
      }
      @if (editable()) {
        <form class="add" (ngSubmit)="add()" novalidate>
          <div class="field grow">
            <label for="cl-label">{{ 'checklist.newItem' | t }}</label>
            <input id="cl-label" name="label" [(ngModel)]="label" maxlength="300" [attr.aria-invalid]="missing()" aria-describedby="cl-label-error" />
            @if (missing()) { <p class="field-error" id="cl-label-error">{{ 'checklist.labelRequired' | t }}</p> }
            @for (m of errors.of('label'); track m) { <p class="field-error">{{ m }}</p> }
          </div>
          <label class="inline"><input type="checkbox" name="required" [(ngModel)]="required" /> {{ 'checklist.required' | t }}</label>
          <button type="submit" class="secondary" [disabled]="busy() === 'new'">{{ 'checklist.add' | t }}</button>
        </form>
      }
    </section>
  `,
  styles: `
    .items { list-style: none; padding: 0; margin: 0 0 1rem; }
    .items label { display: flex; gap: .6rem; align-items: center; font-weight: 400; padding: .3rem 0; }
    .items input { width: auto; }
    .done { text-decoration: line-through; color: var(--muted); }
    progress { width: 12rem; vertical-align: middle; }
    .add { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
    .grow { flex: 1 1 16rem; margin: 0; }
    .inline { margin: 0; }
  `,
})
export class BroadcastChecklist {
  readonly broadcast = input.required<BroadcastDetail>();
  /** Emitted after a change, so the page can refresh what depends on it (e.g. whether it can become ready). */
  readonly changed = output<void>();
  private readonly api = inject(BroadcastsApi);
  protected readonly items = linkedSignal(() => this.broadcast().checklist);
  protected readonly done = computed(() => this.items().filter((i) => i.done).length);
  protected readonly openRequired = computed(() => this.items().filter((i) => i.required && !i.done).length);
  private readonly auth = inject(AuthService);
  protected readonly editable = computed(() => this.auth.can('planner', 'producer') && ['draft', 'scheduled', 'ready', 'live'].includes(this.broadcast().status));
  protected readonly busy = signal<string | null>(null);
  protected readonly errors = new ServerErrors();
  protected readonly missing = signal(false);
  protected label = '';
  protected required = true;

  protected async tick(item: ChecklistItem, box: HTMLInputElement): Promise<void> {
    const done = box.checked;
    this.busy.set(item.id);
    this.errors.clear();
    try {
      const saved = await this.api.tick(this.broadcast().id, item.id, done);
      this.items.update((items) => items.map((i) => (i.id === saved.id ? saved : i)));
      this.changed.emit();
    } catch (err) {
      this.errors.set(err);
      box.checked = item.done;
    } finally {
      this.busy.set(null);
    }
  }

  protected async add(): Promise<void> {
    this.errors.clear();
    this.missing.set(!this.label.trim());
    if (this.missing()) return;
    this.busy.set('new');
    try {
      const item = await this.api.addChecklistItem(this.broadcast().id, this.label.trim(), this.required);
      this.items.update((items) => [...items, item]);
      this.label = '';
      this.changed.emit();
    } catch (err) {
      this.errors.set(err);
    } finally {
      this.busy.set(null);
    }
  }
}
