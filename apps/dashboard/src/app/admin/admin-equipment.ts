import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { LoadState } from '../shared/load-state';
import { Loader } from '../shared/loader';
import { problemOf } from '../shared/problem';
import { ServerErrors } from '../shared/server-errors';
import { AdminApi, Equipment, EQUIPMENT_KINDS } from './admin.api';

/** Cameras, microphones and the rest, grouped in kits that travel together; retired items stay in history. */
@Component({
  selector: 'app-admin-equipment',
  imports: [ReactiveFormsModule, TranslatePipe, LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'stack' },
  template: `
    <p class="lead">{{ 'equipment.intro' | t }}</p>
    <app-load-state [loading]="data.loading()" [error]="data.error()" (retry)="data.load()" />
    @if (rowError() !== null) { <p class="alert" role="alert">{{ rowError() || ('shared.failed' | t) }}</p> }
    @if (data.value(); as d) {
      @if (!d.items.length) {
        <div class="empty card"><p>{{ 'equipment.empty' | t }}</p></div>
      } @else {
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{{ 'admin.equipment' | t }}</caption>
            <thead><tr><th scope="col">{{ 'equipment.name' | t }}</th><th scope="col">{{ 'equipment.kind' | t }}</th><th scope="col">{{ 'equipment.kit' | t }}</th><th scope="col">{{ 'equipment.state' | t }}</th><th scope="col"><span class="visually-hidden">{{ 'shared.actions' | t }}</span></th></tr></thead>
            <tbody>
              @for (e of d.items; track e.id) {
                <tr [class.retired]="!e.active">
                  <th scope="row">{{ e.name }}</th>
                  <td>{{ kindLabel(e.kind) | t }}</td>
                  <td>{{ kitName(e.kitId) }}</td>
                  <td>{{ (e.active ? 'equipment.inUse' : 'equipment.retired') | t }}</td>
                  <td>
                    <button type="button" class="secondary" [disabled]="busy() === e.id" (click)="setActive(e, !e.active)"
                            [attr.aria-label]="(e.active ? 'equipment.retireNamed' : 'equipment.restoreNamed') | t: { name: e.name }">
                      {{ (e.active ? 'equipment.retire' : 'equipment.restore') | t }}
                    </button>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
      <div class="grid">
        <form class="card" [formGroup]="form" (ngSubmit)="create()" novalidate>
          <h2>{{ 'equipment.new' | t }}</h2>
          <div class="field">
            <label for="eq-name">{{ 'equipment.name' | t }}</label>
            <input id="eq-name" formControlName="name" [attr.aria-invalid]="show()" aria-describedby="eq-name-error" />
            @if (show() || errors.of('name').length) { <p class="field-error" id="eq-name-error">{{ show() ? ('equipment.nameRequired' | t) : errors.of('name').join(' ') }}</p> }
          </div>
          <div class="field">
            <label for="eq-kind">{{ 'equipment.kind' | t }}</label>
            <select id="eq-kind" formControlName="kind">
              @for (k of kinds; track k) { <option [value]="k">{{ kindLabel(k) | t }}</option> }
            </select>
          </div>
          <div class="field">
            <label for="eq-kit">{{ 'equipment.kit' | t }}</label>
            <select id="eq-kit" formControlName="kitId">
              <option value="">{{ 'equipment.noKit' | t }}</option>
              @for (k of d.kits; track k.id) { <option [value]="k.id">{{ k.name }}</option> }
            </select>
          </div>
          @if (errors.message() !== null && !errors.of('name').length) { <p class="alert" role="alert">{{ errors.message() || ('shared.failed' | t) }}</p> }
          <button type="submit" [disabled]="busy() === 'new'">{{ 'equipment.add' | t }}</button>
        </form>
        <form class="card" [formGroup]="kitForm" (ngSubmit)="createKit()" novalidate>
          <h2>{{ 'equipment.newKit' | t }}</h2>
          <p class="muted">{{ 'equipment.kitHelp' | t }}</p>
          <div class="field">
            <label for="kit-name">{{ 'equipment.kitName' | t }}</label>
            <input id="kit-name" formControlName="name" [attr.aria-invalid]="showKit()" aria-describedby="kit-name-error" />
            @if (showKit() || kitErrors.message() !== null) { <p class="field-error" id="kit-name-error">{{ showKit() ? ('equipment.nameRequired' | t) : (kitErrors.message() || ('shared.failed' | t)) }}</p> }
          </div>
          <button type="submit" class="secondary" [disabled]="busy() === 'kit'">{{ 'equipment.addKit' | t }}</button>
          @if (d.kits.length) {
            <ul>
              @for (k of d.kits; track k.id) { <li>{{ k.name }}: {{ 'equipment.kitCount' | t: { n: k.items.length } }}</li> }
            </ul>
          }
        </form>
      </div>
    }
  `,
  styles: `
    tr.retired { color: var(--muted); }
    h2 { margin-top: 0; font-size: 1.15rem; }
  `,
})
export class AdminEquipment {
  private readonly api = inject(AdminApi);
  private readonly i18n = inject(I18n);
  private readonly fb = inject(FormBuilder).nonNullable;
  protected readonly kinds = EQUIPMENT_KINDS;
  protected readonly data = new Loader(async () => {
    const [items, kits] = await Promise.all([this.api.equipment(), this.api.kits()]);
    return { items, kits };
  });
  private readonly kitNames = computed(() => new Map((this.data.value()?.kits ?? []).map((k) => [k.id, k.name])));
  protected readonly busy = signal<string | null>(null);
  protected readonly rowError = signal<string | null>(null);
  protected readonly submitted = signal(false);
  protected readonly kitSubmitted = signal(false);
  protected readonly errors = new ServerErrors();
  protected readonly kitErrors = new ServerErrors();
  protected readonly form = this.fb.group({ name: ['', [Validators.required, Validators.maxLength(200)]], kind: ['camera'], kitId: [''] });
  protected readonly kitForm = this.fb.group({ name: ['', [Validators.required, Validators.maxLength(200)]] });

  constructor() {
    void this.data.load();
  }

  protected kindLabel(k: string): MessageKey {
    return `equipmentKind.${k}` as MessageKey;
  }
  protected kitName(id: string | null): string {
    return id ? (this.kitNames().get(id) ?? '') : '—';
  }
  protected show(): boolean {
    const c = this.form.controls.name;
    return c.invalid && (c.touched || this.submitted());
  }
  protected showKit(): boolean {
    const c = this.kitForm.controls.name;
    return c.invalid && (c.touched || this.kitSubmitted());
  }

  protected async setActive(e: Equipment, active: boolean): Promise<void> {
    if (!active && !confirm(this.i18n.t('equipment.retireConfirm', { name: e.name }))) return;
    this.busy.set(e.id);
    this.rowError.set(null);
    try {
      const saved = await this.api.updateEquipment(e.id, { active });
      this.data.value.update((d) => (d ? { ...d, items: d.items.map((x) => (x.id === saved.id ? saved : x)) } : d));
    } catch (err) {
      this.rowError.set(problemOf(err).message);
    } finally {
      this.busy.set(null);
    }
  }

  protected async create(): Promise<void> {
    this.submitted.set(true);
    this.errors.clear();
    if (this.form.invalid) return;
    this.busy.set('new');
    try {
      const v = this.form.getRawValue();
      await this.api.createEquipment({ name: v.name.trim(), kind: v.kind, kitId: v.kitId || null });
      this.form.reset();
      this.submitted.set(false);
      await this.data.load();
    } catch (err) {
      this.errors.set(err);
    } finally {
      this.busy.set(null);
    }
  }

  protected async createKit(): Promise<void> {
    this.kitSubmitted.set(true);
    this.kitErrors.clear();
    if (this.kitForm.invalid) return;
    this.busy.set('kit');
    try {
      await this.api.createKit(this.kitForm.getRawValue().name.trim());
      this.kitForm.reset();
      this.kitSubmitted.set(false);
      await this.data.load();
    } catch (err) {
      this.kitErrors.set(err);
    } finally {
      this.busy.set(null);
    }
  }
}
