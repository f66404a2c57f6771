import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, FormArray, FormBuilder, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { formatDate, fromLocalInput, toLocalInput } from '../shared/dates';
import { LoadState } from '../shared/load-state';
import { Loader } from '../shared/loader';
import { ServerErrors } from '../shared/server-errors';
import { BroadcastDetail, BroadcastFields, BroadcastsApi, Conflict, CREW_ROLES, CrewRole, EDITABLE } from './broadcasts.api';
import { ConflictLine, explainConflicts } from './conflicts';

type CrewRow = FormGroup<{ userId: FormControl<string>; role: FormControl<CrewRole> }>;

const endAfterStart = (g: AbstractControl): ValidationErrors | null => {
  const { start, end } = g.value as { start: string; end: string };
  return start && end && new Date(end) <= new Date(start) ? { endBeforeStart: true } : null;
};

/**
 * Plans a broadcast (from a calendar activity or stand-alone) or changes one: time, room, crew with roles
 * and equipment. A double booking comes back from the API as a 409 with conflicts, which are explained here
 * before the planner can save again.
 */
@Component({
  selector: 'app-broadcast-form',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'stack' },
  templateUrl: './broadcast-form.html',
  styleUrl: './broadcast-form.css',
})
export class BroadcastForm {
  /** Set when changing an existing broadcast. */
  readonly id = input<string>();
  /** Set when planning the broadcast of a calendar activity. */
  readonly activityId = input<string>();

  protected readonly i18n = inject(I18n);
  private readonly api = inject(BroadcastsApi);
  private readonly router = inject(Router);
  private readonly fb = inject(FormBuilder).nonNullable;

  protected readonly roles = CREW_ROLES;
  protected readonly options = new Loader(async () => {
    const [people, rooms, equipment, kits, templates] = await Promise.all([this.api.people(), this.api.rooms(), this.api.equipment(), this.api.kits(), this.api.templates()]);
    return { people, rooms, equipment, kits, templates };
  });
  protected readonly existing = new Loader<BroadcastDetail | null>(async () => (this.id() ? this.api.get(this.id()!) : null));
  protected readonly activity = new Loader(async () => (this.activityId() ? this.api.activity(this.activityId()!) : null));
  protected readonly editing = computed(() => !!this.id());
  protected readonly locked = computed(() => {
    const b = this.existing.value();
    return !!b && !EDITABLE.includes(b.status);
  });

  protected readonly form = this.fb.group(
    {
      title: ['', [Validators.required, Validators.maxLength(200)]],
      description: ['', Validators.maxLength(5000)],
      start: ['', Validators.required],
      end: ['', Validators.required],
      roomId: [''],
      crew: this.fb.array<CrewRow>([]),
      setupMinutes: [null as number | null, [Validators.min(0), Validators.max(1440)]],
      teardownMinutes: [null as number | null, [Validators.min(0), Validators.max(1440)]],
      checklistTemplateId: [''],
    },
    { validators: endAfterStart },
  );
  protected readonly equipmentIds = signal<ReadonlySet<string>>(new Set());
  protected readonly kitIds = signal<ReadonlySet<string>>(new Set());

  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly errors = new ServerErrors();
  protected readonly conflicts = signal<Conflict[]>([]);
  /** Bumped on every change, so the planner must change something before saving again after a conflict. */
  private readonly version = signal(0);
  private readonly conflictVersion = signal(-1);
  private readonly formValue = toSignal(this.form.valueChanges);
  protected readonly mustChange = computed(() => this.conflicts().length > 0 && this.version() === this.conflictVersion());
  protected readonly conflictLines = computed<ConflictLine[]>(() => {
    const o = this.options.value();
    if (!o || !this.conflicts().length) return [];
    return explainConflicts(
      this.conflicts(),
      {
        rooms: new Map(o.rooms.map((r) => [r.id, r.name])),
        people: new Map(o.people.map((p) => [p.id, p.name])),
        equipment: new Map(o.equipment.map((e) => [e.id, e.name])),
      },
      (iso) => formatDate(iso, 'datetime', this.i18n.lang()),
    );
  });

  constructor() {
    void this.options.load();
    effect(() => {
      this.formValue();
      untracked(() => this.version.update((v) => v + 1));
    });
    effect(() => {
      const id = this.id();
      const activityId = this.activityId();
      untracked(() => void this.prefill(id, activityId));
    });
    effect(() => {
      const t = this.options.value()?.templates.find((x) => x.isDefault);
      if (t && !this.id()) untracked(() => this.form.controls.checklistTemplateId.setValue(t.id));
    });
  }

  protected get crew(): FormArray<CrewRow> {
    return this.form.controls.crew;
  }

  private crewRow(userId = '', role: CrewRole = 'producer'): CrewRow {
    return this.fb.group({ userId: [userId, Validators.required], role: [role, Validators.required] });
  }

  protected addCrew(): void {
    this.crew.push(this.crewRow());
  }

  protected removeCrew(i: number): void {
    this.crew.removeAt(i);
  }

  protected toggle(which: 'equipment' | 'kit', id: string, on: boolean): void {
    const target = which === 'equipment' ? this.equipmentIds : this.kitIds;
    target.update((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
    this.version.update((v) => v + 1);
  }

  private async prefill(id: string | undefined, activityId: string | undefined): Promise<void> {
    if (id) {
      await this.existing.load();
      const b = this.existing.value();
      if (!b) return;
      this.form.patchValue({
        title: b.title,
        description: b.description,
        start: toLocalInput(b.start),
        end: toLocalInput(b.end),
        roomId: b.roomId ?? '',
        setupMinutes: b.setupMinutes,
        teardownMinutes: b.teardownMinutes,
      });
      this.crew.clear();
      for (const c of b.crew) this.crew.push(this.crewRow(c.userId, c.role));
      this.equipmentIds.set(new Set(b.equipment.map((e) => e.id)));
    } else if (activityId) {
      await this.activity.load();
      const a = this.activity.value();
      if (a) this.form.patchValue({ title: a.title, start: toLocalInput(a.start), end: toLocalInput(a.end), roomId: a.room?.id ?? '' });
    }
    if (!id && !this.crew.length) this.addCrew();
  }

  protected show(name: 'title' | 'start' | 'end' | 'setupMinutes' | 'teardownMinutes'): boolean {
    const c = this.form.controls[name];
    return c.invalid && (c.touched || this.submitted());
  }

  protected showCrew(i: number): boolean {
    const c = this.crew.at(i);
    return c.invalid && (c.touched || this.submitted());
  }

  protected roleLabel(r: string): MessageKey {
    return `crewRole.${r}` as MessageKey;
  }

  protected kindLabel(k: string): MessageKey {
    return `equipmentKind.${k}` as MessageKey;
  }

  async submit(): Promise<void> {
    this.submitted.set(true);
    this.errors.clear();
    if (this.form.invalid || this.mustChange()) return;
    const v = this.form.getRawValue();
    const body: BroadcastFields = {
      title: v.title.trim(),
      description: v.description,
      start: fromLocalInput(v.start),
      end: fromLocalInput(v.end),
      roomId: v.roomId || null,
      crew: v.crew.map((c) => ({ userId: c.userId, role: c.role })),
      equipmentIds: [...this.equipmentIds()],
      kitIds: [...this.kitIds()],
      ...(v.setupMinutes !== null ? { setupMinutes: v.setupMinutes } : {}),
      ...(v.teardownMinutes !== null ? { teardownMinutes: v.teardownMinutes } : {}),
    };
    this.busy.set(true);
    try {
      const saved = this.id()
        ? await this.api.update(this.id()!, body)
        : await this.api.create({ ...body, ...(this.activityId() ? { activityId: this.activityId() } : {}), ...(v.checklistTemplateId ? { checklistTemplateId: v.checklistTemplateId } : {}) });
      this.conflicts.set([]);
      await this.router.navigate(['/staff/broadcasts', saved.id]);
    } catch (err) {
      const p = this.errors.set(err);
      const conflicts = Array.isArray(p.body['conflicts']) ? (p.body['conflicts'] as Conflict[]) : [];
      this.conflicts.set(conflicts);
      this.conflictVersion.set(this.version());
      if (conflicts.length) this.errors.message.set(null);
    } finally {
      this.busy.set(false);
    }
  }
}
