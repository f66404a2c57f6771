import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

export const STAGES = ['idea', 'script', 'recording', 'editing', 'review', 'published'] as const;
export type Stage = (typeof STAGES)[number];

export interface Episode {
  id: string;
  seriesId: string;
  title: string;
  description: string;
  stage: Stage;
  assigneeId: string | null;
  assigneeName: string | null;
  dueDate: string | null;
  notes: string;
  position: number;
}
export interface Series {
  id: string;
  title: string;
  slug: string;
  description: string;
  audience: string;
  language: string;
  category: string;
  episodeCounts: Record<Stage, number>;
}
export interface SeriesDetail extends Series {
  episodes: Episode[];
}
export interface NewSeries {
  title: string;
  description?: string;
  audience?: string;
  language?: string;
  category?: string;
}
export interface EpisodeChanges {
  title?: string;
  stage?: Stage;
  assigneeId?: string | null;
  dueDate?: string | null;
  position?: number;
}

/** Screencast series and their episodes on the production board. */
@Injectable({ providedIn: 'root' })
export class SeriesApi {
  private readonly http = inject(HttpClient);

  async list(): Promise<Series[]> {
    return (await firstValueFrom(this.http.get<{ items: Series[] }>('/api/series'))).items;
  }
  get(id: string): Promise<SeriesDetail> {
    return firstValueFrom(this.http.get<SeriesDetail>(`/api/series/${id}`));
  }
  create(body: NewSeries): Promise<SeriesDetail> {
    return firstValueFrom(this.http.post<SeriesDetail>('/api/series', body));
  }
  addEpisode(seriesId: string, body: { title: string; assigneeId?: string; dueDate?: string }): Promise<Episode> {
    return firstValueFrom(this.http.post<Episode>(`/api/series/${seriesId}/episodes`, body));
  }
  updateEpisode(id: string, changes: EpisodeChanges): Promise<Episode> {
    return firstValueFrom(this.http.patch<Episode>(`/api/episodes/${id}`, changes));
  }
  async people(): Promise<{ id: string; name: string }[]> {
    return (await firstValueFrom(this.http.get<{ items: { id: string; name: string }[] }>('/api/users'))).items;
  }
}
