import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

export type AssetStatus = 'uploading' | 'uploaded' | 'probing' | 'rejected' | 'queued' | 'processing' | 'ready' | 'failed';
/** Nothing more happens to the asset by itself. */
export const FINAL: AssetStatus[] = ['rejected', 'ready', 'failed'];

export interface Progress {
  percent: number;
  etaSeconds: number | null;
  step: string | null;
}
export interface Rendition {
  id: string;
  kind: 'video' | 'audio';
  width: number | null;
  height: number | null;
  bandwidth: number;
}
export interface CaptionTrack {
  lang: string;
  label: string;
  url: string;
}
export interface AssetChapter {
  startS: number;
  title: string;
}
/** What the event stream sends: where processing stands. */
export interface MediaProgress {
  id: string;
  status: AssetStatus;
  reasonCode: string | null;
  reason: string | null;
  progress: Progress | null;
  playableAt: string | null;
  readyAt: string | null;
  renditions: Rendition[];
}
export interface MediaAsset extends MediaProgress {
  filename: string;
  episodeId: string | null;
  broadcastId: string | null;
  sizeBytes: number;
  videoCodec: string | null;
  audioCodec: string | null;
  width: number | null;
  height: number | null;
  fps: number | null;
  durationS: number | null;
  createdAt: string;
  uploadedAt: string | null;
  masterUrl: string | null;
  posterUrl: string | null;
  /** The moment a producer chose for the poster, if any. */
  posterAtS: number | null;
  captions: CaptionTrack[];
  chapters: AssetChapter[];
}

/** A recording (media asset): its processing, captions and chapters. */
@Injectable({ providedIn: 'root' })
export class MediaApi {
  private readonly http = inject(HttpClient);

  get(id: string): Promise<MediaAsset> {
    return firstValueFrom(this.http.get<MediaAsset>(`/api/media/${id}`));
  }
  cancel(id: string): Promise<MediaAsset> {
    return firstValueFrom(this.http.post<MediaAsset>(`/api/media/${id}/cancel`, {}));
  }
  retranscode(id: string): Promise<MediaAsset> {
    return firstValueFrom(this.http.post<MediaAsset>(`/api/media/${id}/retranscode`, {}));
  }
  /** The caption file is sent as it is; the server converts SubRip to WebVTT. */
  putCaptions(id: string, lang: string, text: string, vtt: boolean, label?: string): Promise<MediaAsset> {
    return firstValueFrom(
      this.http.put<MediaAsset>(`/api/media/${id}/captions/${encodeURIComponent(lang)}`, text, {
        headers: { 'Content-Type': vtt ? 'text/vtt' : 'application/x-subrip' },
        params: label ? { label } : {},
      }),
    );
  }
  removeCaptions(id: string, lang: string): Promise<MediaAsset> {
    return firstValueFrom(this.http.delete<MediaAsset>(`/api/media/${id}/captions/${encodeURIComponent(lang)}`));
  }
  /** The frame at `atSeconds` becomes the poster; the worker replaces it shortly after. */
  choosePoster(id: string, atSeconds: number): Promise<MediaAsset> {
    return firstValueFrom(this.http.put<MediaAsset>(`/api/media/${id}/poster`, { atSeconds }));
  }
  putChapters(id: string, chapters: { start: number; title: string }[]): Promise<MediaAsset> {
    return firstValueFrom(this.http.put<MediaAsset>(`/api/media/${id}/chapters`, chapters));
  }
}
