import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

export type GateStatus = 'passed' | 'failed' | 'needs_confirmation';
export type RightsConsent = 'unknown' | 'confirmed' | 'refused';
export type CameraPlan = 'attendees_out_of_frame' | 'recorded_consent';
export const RIGHTS_CONSENTS: RightsConsent[] = ['unknown', 'confirmed', 'refused'];
export const CAMERA_PLANS: CameraPlan[] = ['attendees_out_of_frame', 'recorded_consent'];

export interface Gate {
  name: string;
  passed: boolean;
  status: GateStatus;
  reason: string;
}
export interface Criterion {
  name: string;
  weight: number;
  value: number;
  reason: string;
}
export interface Activity {
  id: string;
  title: string;
  description: string;
  start: string;
  end: string;
  allDay: boolean;
  room: { id: string; name: string; streamingEquipped: boolean } | null;
  location: string;
  audience: string[];
  category: string[];
  capacity: number | null;
  registrations: number | null;
  waitlist: number | null;
  presenter: string;
  visibility: 'public' | 'internal' | 'private';
  status: 'confirmed' | 'tentative' | 'cancelled';
  rightsConsent: RightsConsent;
  cameraPlan: CameraPlan | null;
  audienceParticipation: boolean | null;
  override: { qualifies: boolean; note: string; by: string | null; at: string | null } | null;
  qualification: {
    eligible: boolean;
    qualifies: boolean;
    score: number;
    threshold: number;
    needsConfirmation: string[];
    overridden: boolean;
    gates: Gate[];
    criteria: Criterion[];
  };
}
export interface ActivityQuery {
  from: string;
  to: string;
  qualifies?: boolean;
  category?: string;
  room?: string;
}
export interface ImportResult {
  format: 'ics' | 'csv';
  year: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: { ref: string; reason: string }[];
  errors: { line: number; message: string }[];
}
export interface Room {
  id: string;
  name: string;
  capacity: number | null;
  streamingEquipped: boolean;
  notes: string;
}
export interface ActivityChanges {
  rightsConsent?: RightsConsent;
  cameraPlan?: CameraPlan | null;
  audienceParticipation?: boolean | null;
}

const PAGE = 500;

/** The calendar activities, their qualification and the calendar import. */
@Injectable({ providedIn: 'root' })
export class YearPlanApi {
  private readonly http = inject(HttpClient);

  /** Every activity matching the query (pages through the API's 500-per-page limit). */
  async activities(q: ActivityQuery): Promise<Activity[]> {
    const items: Activity[] = [];
    for (;;) {
      const page = await firstValueFrom(
        this.http.get<{ items: Activity[]; total: number }>('/api/activities', { params: params({ ...q, limit: PAGE, offset: items.length }) }),
      );
      items.push(...page.items);
      if (!page.items.length || items.length >= page.total) return items;
    }
  }

  activity(id: string): Promise<Activity> {
    return firstValueFrom(this.http.get<Activity>(`/api/activities/${id}`));
  }

  update(id: string, changes: ActivityChanges): Promise<Activity> {
    return firstValueFrom(this.http.patch<Activity>(`/api/activities/${id}`, changes));
  }

  setVerdict(id: string, qualifies: boolean, note: string): Promise<Activity> {
    return firstValueFrom(this.http.put<Activity>(`/api/activities/${id}/verdict`, { qualifies, note }));
  }

  clearVerdict(id: string): Promise<Activity> {
    return firstValueFrom(this.http.delete<Activity>(`/api/activities/${id}/verdict`));
  }

  exportCsv(q: ActivityQuery): Promise<Blob> {
    return firstValueFrom(this.http.get('/api/activities/export', { params: params({ ...q }), responseType: 'blob' }));
  }

  importFile(file: File, year: number): Promise<ImportResult> {
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('year', String(year));
    return firstValueFrom(this.http.post<ImportResult>('/api/calendar/imports', form));
  }

  importUrl(url: string, year: number): Promise<ImportResult> {
    return firstValueFrom(this.http.post<ImportResult>('/api/calendar/imports', { url, year }));
  }

  /** The broadcasts planned for an activity (at most one that is not cancelled). */
  async broadcastsOf(activityId: string): Promise<{ id: string; title: string; status: string }[]> {
    return (await firstValueFrom(this.http.get<{ items: { id: string; title: string; status: string }[] }>('/api/broadcasts', { params: { activityId } }))).items;
  }

  async rooms(): Promise<Room[]> {
    return (await firstValueFrom(this.http.get<{ items: Room[] }>('/api/rooms'))).items;
  }
}

function params(values: Record<string, string | number | boolean | undefined>): HttpParams {
  let p = new HttpParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') p = p.set(k, String(v));
  return p;
}
