import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormArray, FormBuilder, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { LoadState } from '../shared/load-state';
import { Loader } from '../shared/loader';
import { problemOf } from '../shared/problem';
import { ServerErrors } from '../shared/server-errors';
import { AdminApi, ChecklistTemplate } from './admin.api';

type ItemRow = FormGroup<{ label: FormControl<string>; required: FormControl<boolean> }>;

/** Run-of-show templates: each new broadcast copies one (the default unless the planner picks another). */
@Component({
  selector: 'app-admin-checklists',
  imports: [ReactiveFormsModule, TranslatePipe, LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'stack' },
  template: `
    <p class="lead">{{ 'templates.intro' | t }}</p>
    <app-load-state [loading]="templates.loading()" [error]="templates.error()" (retry)="templates.load()" />
    @if (rowError() !== null) { <p class="alert" role="alert">{{ rowError() || ('shared.failed' | t) }}</p> }
    @if (templates.value(); as list) {
      @if (!list.length) {
        <div class="empty card"><p>{{ 'templates.empty' | t }}</p></div>
      }
      <ul class="templates">
        @for (tpl of list; track tpl.id) {
          <li class="card">
            <h2>{{ tpl.name }} @if (tpl.isDefault) { <span class="badge ok">{{ 'templates.default' | t }}</span> }</h2>
            <ol>
              @for (item of tpl.items; track $index) { <li>{{ item.label }}@if (item.required) { <span class="muted"> ({{ 'checklist.required' | t }})</span> }</li> }
            </ol>
            <div class="button-row">
              <button type="button" class="secondary" (click)="edit(tpl)" [attr.aria-label]="'templates.editNamed' | t: { name: tpl.name }">{{ 'shared.edit' | t }}</button>
              <button type="button" class="danger" (click)="remove(tpl)" [attr.aria-label]="'templates.deleteNamed' | t: { name: tpl.name }">{{ 'shared.delete' | t }}</button>
            </div>
          </li>
        }
      </ul>
    }

    <form class="card" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <h2>{{ (editingId() ? 'templates.editTitle' : 'templates.new') | t }}</h2>
      <div class="field">
        <label for="t-name">{{ 'templates.name' | t }}</label>
        <input id="t-name" formControlName="name" [attr.aria-invalid]="showName()" aria-describedby="t-name-error" />
        @if (showName() || errors.of('name').length) { <p class="field-error" id="t-name-error">{{ showName() ? ('templates.nameRequired' | t) : errors.of('name').join(' ') }}</p> }
      </div>
      <label class="inline field"><input type="checkbox" formControlName="isDefault" /> {{ 'templates.makeDefault' | t }}</label>
      <fieldset formArrayName="items">
        <legend>{{ 'templates.items' | t }}</legend>
        @for (row of items.controls; track row; let i = $index) {
          <div class="item-row" [formGroupName]="i">
            <label class="visually-hidden" [for]="'t-item-' + i">{{ 'templates.itemN' | t: { n: i + 1 } }}</label>
            <input [id]="'t-item-' + i" formControlName="label" [attr.aria-invalid]="showItem(i)" [placeholder]="'templates.itemN' | t: { n: i + 1 }" />
            <label class="inline"><input type="checkbox" formControlName="required" /> {{ 'checklist.required' | t }}</label>
            <button type="button" class="secondary" (click)="items.removeAt(i)" [attr.aria-label]="'templates.removeItem' | t: { n: i + 1 }">{{ 'shared.remove' | t }}</button>
          </div>
          @if (showItem(i)) { <p class="field-error">{{ 'templates.itemRequired' | t: { n: i + 1 } }}</p> }
        }
        <button type="button" class="secondary" (click)="addItem()">+ {{ 'templates.addItem' | t }}</button>
      </fieldset>
      @if (errors.message() !== null && !errors.of('name').length) { <p class="alert" role="alert">{{ errors.message() || ('shared.failed' | t) }}</p> }
      <div class="button-row">
        <button type="submit" [disabled]="busy()">{{ 'shared.save' | t }}</button>
        @if (editingId()) { <button type="button" class="secondary" (click)="reset()">{{ 'shared.cancel' | t }}</button> }
      </div>
    </form>
  `,
  styles: `
    .templates { list-style: none; padding: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); }
    h2 { margin-top: 0; font-size: 1.1rem; }
    fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
    legend { font-weight: 600; margin-bottom: .5rem; }
    .item-row { display: grid; grid-template-columns: 1fr auto auto; gap: .75rem; align-items: center; margin-bottom: .5rem; }
  `,
})
export class AdminChecklists {
  private readonly api = inject(AdminApi);
  private readonly i18n = inject(I18n);
  private readonly fb = inject(FormBuilder).nonNullable;
  protected readonly templates = new Loader(() => this.api.templates());
  protected readonly editingId = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly submitted = signal(false);
  protected readonly rowError = signal<string | null>(null);
  protected readonly errors = new ServerErrors();
  protected readonly form = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    isDefault: [false],
    items: this.fb.array<ItemRow>([]),
  });

  constructor() {
    void this.templates.load();
    this.addItem();
  }

  protected get items(): FormArray<ItemRow> {
    return this.form.controls.items;
  }

  protected addItem(label = '', required = true): void {
    this.items.push(this.fb.group({ label: [label, [Validators.required, Validators.maxLength(300)]], required: [required] }));
  }

  protected showName(): boolean {
    const c = this.form.controls.name;
    return c.invalid && (c.touched || this.submitted());
  }
  protected showItem(i: number): boolean {
    const c = this.items.at(i).controls.label;
    return c.invalid && (c.touched || this.submitted());
  }

  protected edit(t: ChecklistTemplate): void {
    this.errors.clear();
    this.editingId.set(t.id);
    this.form.controls.name.setValue(t.name);
    this.form.controls.isDefault.setValue(t.isDefault);
    this.items.clear();
    for (const item of t.items) this.addItem(item.label, item.required);
  }

  protected reset(): void {
    this.editingId.set(null);
    this.submitted.set(false);
    this.form.reset();
    this.items.clear();
    this.addItem();
  }

  protected async save(): Promise<void> {
    this.submitted.set(true);
    this.errors.clear();
    if (this.form.invalid) return;
    this.busy.set(true);
    try {
      const v = this.form.getRawValue();
      await this.api.saveTemplate(this.editingId(), { name: v.name.trim(), isDefault: v.isDefault, items: v.items.map((i) => ({ label: i.label.trim(), required: i.required })) });
      this.reset();
      await this.templates.load();
    } catch (err) {
      this.errors.set(err);
    } finally {
      this.busy.set(false);
    }
  }

  protected async remove(t: ChecklistTemplate): Promise<void> {
    if (!confirm(this.i18n.t('templates.deleteConfirm', { name: t.name }))) return;
    this.rowError.set(null);
    try {
      await this.api.deleteTemplate(t.id);
      if (this.editingId() === t.id) this.reset();
      this.templates.value.update((list) => list?.filter((x) => x.id !== t.id) ?? null);
    } catch (err) {
      this.rowError.set(problemOf(err).message);
    }
  }
}
