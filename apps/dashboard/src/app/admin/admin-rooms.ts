import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslatePipe } from '../i18n/i18n';
import { LoadState } from '../shared/load-state';
import { Loader } from '../shared/loader';
import { problemOf } from '../shared/problem';
import { ServerErrors } from '../shared/server-errors';
import { AdminApi, Room } from './admin.api';

/** Rooms (also created by the calendar import) and whether each has a streaming kit installed. */
@Component({
  selector: 'app-admin-rooms',
  imports: [ReactiveFormsModule, TranslatePipe, LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'stack' },
  template: `
    <p class="lead">{{ 'rooms.intro' | t }}</p>
    <app-load-state [loading]="rooms.loading()" [error]="rooms.error()" (retry)="rooms.load()" />
    @if (rowError() !== null) { <p class="alert" role="alert">{{ rowError() || ('shared.failed' | t) }}</p> }
    @if (rooms.value(); as list) {
      @if (!list.length) {
        <div class="empty card"><p>{{ 'rooms.empty' | t }}</p></div>
      } @else {
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{{ 'admin.rooms' | t }}</caption>
            <thead><tr><th scope="col">{{ 'rooms.name' | t }}</th><th scope="col">{{ 'rooms.capacity' | t }}</th><th scope="col">{{ 'rooms.equipped' | t }}</th><th scope="col">{{ 'rooms.notes' | t }}</th></tr></thead>
            <tbody>
              @for (r of list; track r.id) {
                <tr>
                  <th scope="row">{{ r.name }}</th>
                  <td>{{ r.capacity ?? '—' }}</td>
                  <td>
                    <label class="inline"><input type="checkbox" [checked]="r.streamingEquipped" [disabled]="busy() === r.id" (change)="setEquipped(r, $any($event.target))" />
                      <span class="visually-hidden">{{ 'rooms.equippedNamed' | t: { name: r.name } }}</span>{{ (r.streamingEquipped ? 'shared.yes' : 'shared.no') | t }}</label>
                  </td>
                  <td>{{ r.notes }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    }
    <form class="card" [formGroup]="form" (ngSubmit)="create()" novalidate>
      <h2>{{ 'rooms.new' | t }}</h2>
      <div class="cols">
        <div class="field">
          <label for="r-name">{{ 'rooms.name' | t }}</label>
          <input id="r-name" formControlName="name" [attr.aria-invalid]="show('name')" aria-describedby="r-name-error" />
          @if (show('name') || errors.of('name').length) { <p class="field-error" id="r-name-error">{{ show('name') ? ('rooms.nameRequired' | t) : errors.of('name').join(' ') }}</p> }
        </div>
        <div class="field">
          <label for="r-capacity">{{ 'rooms.capacity' | t }}</label>
          <input id="r-capacity" type="number" min="0" formControlName="capacity" [attr.aria-invalid]="show('capacity')" aria-describedby="r-capacity-error" />
          @if (show('capacity') || errors.of('capacity').length) { <p class="field-error" id="r-capacity-error">{{ show('capacity') ? ('rooms.capacityInvalid' | t) : errors.of('capacity').join(' ') }}</p> }
        </div>
        <div class="field">
          <label for="r-notes">{{ 'rooms.notes' | t }}</label>
          <input id="r-notes" formControlName="notes" />
        </div>
      </div>
      <label class="inline field"><input type="checkbox" formControlName="streamingEquipped" /> {{ 'rooms.equippedHelp' | t }}</label>
      @if (errors.message() !== null && !errors.of('name').length) { <p class="alert" role="alert">{{ errors.message() || ('shared.failed' | t) }}</p> }
      <button type="submit" [disabled]="busy() === 'new'">{{ 'rooms.add' | t }}</button>
    </form>
  `,
})
export class AdminRooms {
  private readonly api = inject(AdminApi);
  protected readonly rooms = new Loader(() => this.api.rooms());
  protected readonly busy = signal<string | null>(null);
  protected readonly rowError = signal<string | null>(null);
  protected readonly submitted = signal(false);
  protected readonly errors = new ServerErrors();
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    capacity: [null as number | null, [Validators.min(0), Validators.max(100000), Validators.pattern(/^\d+$/)]],
    notes: [''],
    streamingEquipped: [false],
  });

  constructor() {
    void this.rooms.load();
  }

  protected show(name: 'name' | 'capacity'): boolean {
    const c = this.form.controls[name];
    return c.invalid && (c.touched || this.submitted());
  }

  protected async setEquipped(r: Room, box: HTMLInputElement): Promise<void> {
    this.busy.set(r.id);
    this.rowError.set(null);
    try {
      const saved = await this.api.updateRoom(r.id, { streamingEquipped: box.checked });
      this.rooms.value.update((list) => list?.map((x) => (x.id === saved.id ? saved : x)) ?? null);
    } catch (err) {
      box.checked = r.streamingEquipped;
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
      const room = await this.api.createRoom({ ...v, name: v.name.trim(), capacity: v.capacity === null || String(v.capacity) === '' ? null : Number(v.capacity) });
      this.rooms.value.update((list) => [...(list ?? []), room].sort((a, b) => a.name.localeCompare(b.name)));
      this.form.reset();
      this.submitted.set(false);
    } catch (err) {
      this.errors.set(err);
    } finally {
      this.busy.set(null);
    }
  }
}
