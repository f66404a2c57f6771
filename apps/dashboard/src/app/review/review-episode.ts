import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { I18n, TranslatePipe } from '../i18n/i18n';
import { MessageKey } from '../i18n/messages';
import { MediaApi, MediaAsset } from '../processing/media.api';
import { MediaPreview } from '../processing/preview';
import { Episode } from '../series/series.api';
import { WhenPipe } from '../shared/dates';
import { LoadState } from '../shared/load-state';
import { Loader } from '../shared/loader';
import { ServerErrors } from '../shared/server-errors';
import { formatClock } from '../upload/transfer';
import { checkPublish, instantToZoned, LIBRARY_TIME_ZONE, PublishErrors, PublishInput } from './publish-form';
import { AuditEvent, Publication, PublicationApi, VISIBILITIES } from './review.api';

const KNOWN_AUDIT = [
  'episode.created',
  'episode.updated',
  'episode.stage_changed',
  'publication.submitted',
  'publication.approved',
  'publication.rejected',
  'publication.published',
  'publication.publish_scheduled',
  'publication.visibility_changed',
  'publication.unpublished',
  'publication.unpublish_scheduled',
  'publication.schedule_cancelled',
  'publication.retired',
  'publication.updated',
  'publication.schedule_failed',
];

/** One episode for the editor: watch it, approve or send it back, publish now or later, take it offline, and its history. */
@Component({
  selector: 'app-review-episode',
  imports: [FormsModule, RouterLink, TranslatePipe, WhenPipe, LoadState, MediaPreview],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'stack' },
  templateUrl: './review-episode.html',
  styles: `
    dl { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; margin: 0; }
    dt { font-weight: 600; }
    dd { margin: 0; overflow-wrap: anywhere; }
    fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
    legend { font-weight: 600; margin-bottom: .25rem; padding: 0; }
    .choice { display: flex; gap: .5rem; align-items: baseline; font-weight: 400; margin-bottom: .35rem; }
    .choice input { width: auto; }
    .choice small { color: var(--muted); display: block; }
    .audit { padding-left: 1.2rem; margin: 0; }
    .audit li { margin-bottom: .35rem; }
    textarea { min-height: 5rem; }
  `,
})
export class ReviewEpisode {
  readonly id = input.required<string>();
  private readonly api = inject(PublicationApi);
  private readonly media = inject(MediaApi);
  private readonly http = inject(HttpClient);
  private readonly i18n = inject(I18n);

  protected readonly episode = new Loader<Episode>(() => this.api.episode(this.id()));
  protected readonly publication = new Loader<Publication>(() => this.api.get(this.id()));
  protected readonly asset = signal<MediaAsset | null>(null);
  protected readonly audit = new Loader<AuditEvent[]>(() => this.api.audit(this.id()));
  private readonly people = signal<Map<string, string>>(new Map());
  protected readonly visibilities = VISIBILITIES;
  protected readonly zone = LIBRARY_TIME_ZONE;
  protected readonly clock = formatClock;

  protected readonly allowed = computed(() => new Set(this.publication.value()?.allowedActions ?? []));
  protected readonly busy = signal<string | null>(null);
  protected readonly done = signal<MessageKey | null>(null);
  protected readonly actionErrors = new ServerErrors();

  protected comment = '';
  protected readonly commentMissing = signal(false);

  protected readonly form: PublishInput = { visibility: '', when: 'now', at: '' };
  protected readonly publishErrors = signal<PublishErrors>({});
  protected readonly publishServer = new ServerErrors();

  constructor() {
    effect(() => {
      this.id();
      untracked(() => void this.load());
    });
    void this.loadPeople();
  }

  protected async load(): Promise<void> {
    await Promise.all([this.episode.load(), this.publication.load(), this.audit.load()]);
    const pub = this.publication.value();
    if (pub) {
      this.form.visibility = pub.visibility ?? '';
      this.form.at = pub.publishAt ? instantToZoned(new Date(pub.publishAt)) : '';
      this.form.when = pub.publishAt ? 'later' : 'now';
    }
    await this.loadAsset();
  }

  private async loadAsset(): Promise<void> {
    const assetId = this.publication.value()?.asset?.id;
    try {
      this.asset.set(assetId ? await this.media.get(assetId) : null);
    } catch {
      this.asset.set(null);
    }
  }

  private async loadPeople(): Promise<void> {
    try {
      const res = await firstValueFrom(this.http.get<{ items: { id: string; name: string }[] }>('/api/users'));
      this.people.set(new Map(res.items.map((p) => [p.id, p.name])));
    } catch {
      /* the history shows without names */
    }
  }

  protected stateKey(state: string): MessageKey {
    return `publicationState.${state}` as MessageKey;
  }
  protected assetKey(status: string): MessageKey {
    return `assetStatus.${status}` as MessageKey;
  }
  protected visibilityKey(v: string): MessageKey {
    return `visibility.${v}` as MessageKey;
  }
  protected visibilityHelpKey(v: string): MessageKey {
    return `visibility.${v}.help` as MessageKey;
  }

  protected auditText(e: AuditEvent): string {
    const action = KNOWN_AUDIT.includes(e.action) ? this.i18n.t(`audit.${e.action}` as MessageKey) : e.action;
    const after = e.after ?? {};
    const extra: string[] = [];
    if (e.action === 'episode.stage_changed' && typeof after['stage'] === 'string') extra.push(this.i18n.t(`stage.${after['stage']}` as MessageKey));
    if (e.action === 'publication.publish_scheduled' && typeof after['publishAt'] === 'string') {
      extra.push(this.i18n.t('audit.for', { when: new Intl.DateTimeFormat(this.i18n.lang() === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: LIBRARY_TIME_ZONE }).format(new Date(after['publishAt'])) }));
    }
    if (typeof after['visibility'] === 'string' && e.action.startsWith('publication.publish')) extra.push(this.i18n.t(this.visibilityKey(after['visibility'])));
    if (typeof after['comment'] === 'string') extra.push(`“${after['comment']}”`);
    return [action, ...extra].join(' · ');
  }
  protected actor(e: AuditEvent): string {
    return e.actorId ? (this.people().get(e.actorId) ?? '') : this.i18n.t('audit.system');
  }

  private async act(what: string, call: () => Promise<Publication>, done: MessageKey): Promise<boolean> {
    this.busy.set(what);
    this.done.set(null);
    this.actionErrors.clear();
    try {
      this.publication.value.set(await call());
      this.done.set(done);
      void this.audit.load();
      return true;
    } catch (err) {
      this.actionErrors.set(err);
      return false;
    } finally {
      this.busy.set(null);
    }
  }

  protected approve(): void {
    void this.act('approve', () => this.api.approve(this.id()), 'review.approved');
  }

  protected async reject(): Promise<void> {
    this.commentMissing.set(!this.comment.trim());
    if (this.commentMissing()) return;
    if (await this.act('reject', () => this.api.reject(this.id(), this.comment.trim()), 'review.rejected')) this.comment = '';
  }

  protected async publish(): Promise<void> {
    this.publishServer.clear();
    const { errors, request } = checkPublish(this.form, new Date(), this.publication.value()?.unpublishAt ?? null);
    this.publishErrors.set(errors);
    if (!request) return;
    this.busy.set('publish');
    this.done.set(null);
    try {
      this.publication.value.set(await this.api.publish(this.id(), request.visibility, request.publishAt));
      this.done.set(request.publishAt ? 'publish.scheduled' : 'publish.publishedNow');
      void this.audit.load();
    } catch (err) {
      this.publishServer.set(err);
    } finally {
      this.busy.set(null);
    }
  }

  protected unpublish(): void {
    if (!confirm(this.i18n.t('publish.unpublishConfirm'))) return;
    void this.act('unpublish', () => this.api.unpublish(this.id()), 'publish.unpublished');
  }

  protected cancelSchedule(): void {
    if (!confirm(this.i18n.t('publish.cancelScheduleConfirm'))) return;
    void this.act('cancel_schedule', () => this.api.cancelSchedule(this.id()), 'publish.scheduleCancelled');
  }
}
