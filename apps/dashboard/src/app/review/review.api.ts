import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Episode, Series, SeriesApi } from '../series/series.api';
import { AssetStatus } from '../processing/media.api';

export type PublicationState = 'draft' | 'in_review' | 'approved' | 'published' | 'unpublished' | 'retired';
export type Visibility = 'public' | 'unlisted' | 'internal';
export const VISIBILITIES: Visibility[] = ['public', 'unlisted', 'internal'];
export type PublicationAction = 'submit' | 'approve' | 'reject' | 'publish' | 'unpublish' | 'retire' | 'cancel_schedule';

export interface Publication {
  episodeId: string;
  state: PublicationState;
  visibility: Visibility | null;
  slug: string | null;
  publicUrl: string | null;
  publishAt: string | null;
  unpublishAt: string | null;
  publishedAt: string | null;
  reviewComment: string | null;
  /** The recording to review and publish: the newest one not rejected. */
  asset: { id: string; status: AssetStatus } | null;
  publishedAssetId: string | null;
  allowedActions: PublicationAction[];
  tags: string[];
}
export interface AuditEvent {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
/** An episode waiting for the editor, with its series. */
export interface QueueItem {
  episode: Episode;
  series: Series;
  publication: Publication;
}

/** Review and publication of episodes, the editor's queue, and the audit trail. */
@Injectable({ providedIn: 'root' })
export class PublicationApi {
  private readonly http = inject(HttpClient);
  private readonly series = inject(SeriesApi);

  episode(id: string): Promise<Episode> {
    return firstValueFrom(this.http.get<Episode>(`/api/episodes/${id}`));
  }
  get(episodeId: string): Promise<Publication> {
    return firstValueFrom(this.http.get<Publication>(`/api/episodes/${episodeId}/publication`));
  }
  submit(episodeId: string): Promise<Publication> {
    return this.act(episodeId, 'submit', {});
  }
  approve(episodeId: string): Promise<Publication> {
    return this.act(episodeId, 'approve', {});
  }
  reject(episodeId: string, comment: string): Promise<Publication> {
    return this.act(episodeId, 'reject', { comment });
  }
  /** Now, or at `publishAt` (an instant with its offset). */
  publish(episodeId: string, visibility: Visibility, publishAt?: string): Promise<Publication> {
    return this.act(episodeId, 'publish', { visibility, ...(publishAt ? { publishAt } : {}) });
  }
  unpublish(episodeId: string): Promise<Publication> {
    return this.act(episodeId, 'unpublish', {});
  }
  cancelSchedule(episodeId: string): Promise<Publication> {
    return firstValueFrom(this.http.delete<Publication>(`/api/episodes/${episodeId}/schedule`));
  }
  async audit(episodeId: string): Promise<AuditEvent[]> {
    const params = { entityType: 'episode', entityId: episodeId, limit: 200 };
    return (await firstValueFrom(this.http.get<{ items: AuditEvent[] }>('/api/audit', { params }))).items;
  }

  /** Episodes on the board's review stage (submitted or approved), oldest series first; only series that have some are read. */
  async queue(): Promise<QueueItem[]> {
    const withReview = (await this.series.list()).filter((s) => s.episodeCounts.review > 0);
    const details = await Promise.all(withReview.map((s) => this.series.get(s.id)));
    const episodes = details.flatMap((s) => s.episodes.filter((e) => e.stage === 'review').map((episode) => ({ episode, series: s as Series })));
    const publications = await Promise.all(episodes.map((e) => this.get(e.episode.id)));
    return episodes.map((e, i) => ({ ...e, publication: publications[i] }));
  }

  private act(episodeId: string, action: string, body: object): Promise<Publication> {
    return firstValueFrom(this.http.post<Publication>(`/api/episodes/${episodeId}/${action}`, body));
  }
}
