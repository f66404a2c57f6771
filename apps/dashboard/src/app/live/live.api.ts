import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { BroadcastStatus } from '../broadcasts/broadcasts.api';

export type IngestState = 'offline' | 'publishing' | 'reconnecting' | 'ending';
export type RestreamState = 'connecting' | 'live' | 'retrying' | 'stopped';

export interface LiveStatus {
  broadcastId: string;
  broadcastStatus: BroadcastStatus;
  ingestAvailable: boolean;
  ingest: {
    state: IngestState;
    since: string | null;
    startedAt: string | null;
    liveAt: string | null;
    reconnects: number;
    reconnectDeadline: string | null;
    stopsAt: string | null;
    mode: 'passthrough' | 'ladder' | null;
    width: number | null;
    height: number | null;
    bitrateKbps: number | null;
    fps: number | null;
    droppedFrames: number | null;
  };
  viewers: number;
  playlist: string | null;
  restreams: { name: string; state: RestreamState; attempts: number; lastError: string | null; since: string }[];
  lastSession: { id: string; endedAt: string; endReason: string; recordingAssetId: string | null; episodeId: string | null } | null;
}

/** The control room's view of a livestream: what the ingest receives, who watches, where it is restreamed. */
@Injectable({ providedIn: 'root' })
export class LiveApi {
  private readonly http = inject(HttpClient);

  status(broadcastId: string): Promise<LiveStatus> {
    return firstValueFrom(this.http.get<LiveStatus>(`/api/broadcasts/${broadcastId}/live`));
  }
  stop(broadcastId: string): Promise<LiveStatus> {
    return firstValueFrom(this.http.post<LiveStatus>(`/api/broadcasts/${broadcastId}/live/stop`, {}));
  }
}
