import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

export type BroadcastStatus = 'draft' | 'scheduled' | 'ready' | 'live' | 'ended' | 'published' | 'cancelled' | 'failed';
export type CrewRole = 'producer' | 'camera' | 'host' | 'chat_moderator';
export const CREW_ROLES: CrewRole[] = ['producer', 'camera', 'host', 'chat_moderator'];
/** Statuses in which time, room, crew and kit may still change (as the API decides). */
export const EDITABLE: BroadcastStatus[] = ['draft', 'scheduled', 'ready'];

export interface CrewMember {
  userId: string;
  name?: string;
  role: CrewRole;
}
export interface Broadcast {
  id: string;
  activityId: string | null;
  title: string;
  description: string;
  start: string;
  end: string;
  setupMinutes: number;
  teardownMinutes: number;
  bookedFrom: string;
  bookedUntil: string;
  roomId: string | null;
  roomName: string | null;
  status: BroadcastStatus;
  repeatGroupId: string | null;
  crew: CrewMember[];
  equipment: { id: string; name: string; kind: string }[];
  hasStreamKey: boolean;
  streamKeyRotatedAt: string | null;
}
export interface ChecklistItem {
  id: string;
  label: string;
  required: boolean;
  done: boolean;
  doneAt: string | null;
  position: number;
}
export interface Restream {
  id: string;
  name: string;
  rtmpUrl: string;
  streamKey: string;
}
export interface BroadcastDetail extends Broadcast {
  checklist: ChecklistItem[];
  history: { from: BroadcastStatus | null; to: BroadcastStatus; byName: string | null; at: string; note: string }[];
  restreams: Restream[];
  nextStatuses: BroadcastStatus[];
}
export interface Ingest {
  rtmpUrl: string;
  streamKey: string;
  validFrom: string;
  validUntil: string;
}
export interface Conflict {
  kind: 'room' | 'crew' | 'equipment';
  resourceId: string;
  withBroadcastId: string;
  withTitle: string;
  from: string;
  to: string;
}
export interface BroadcastFields {
  title?: string;
  description?: string;
  start?: string;
  end?: string;
  roomId?: string | null;
  crew?: { userId: string; role: CrewRole }[];
  equipmentIds?: string[];
  kitIds?: string[];
  setupMinutes?: number;
  teardownMinutes?: number;
  activityId?: string;
  checklistTemplateId?: string;
}
export interface Person {
  id: string;
  name: string;
  roles: string[];
}
export interface Equipment {
  id: string;
  name: string;
  kind: string;
  kitId: string | null;
  active: boolean;
}
export interface Kit {
  id: string;
  name: string;
  items: Equipment[];
}
export interface Template {
  id: string;
  name: string;
  isDefault: boolean;
}
export interface ActivitySummary {
  id: string;
  title: string;
  start: string;
  end: string;
  room: { id: string; name: string } | null;
}

const items = <T>(r: { items: T[] }) => r.items;

/** Broadcasts, their checklist, stream key and restreams, and the people, rooms and kit to plan them with. */
@Injectable({ providedIn: 'root' })
export class BroadcastsApi {
  private readonly http = inject(HttpClient);

  async list(query: { from?: string; status?: BroadcastStatus }): Promise<Broadcast[]> {
    const params = Object.fromEntries(Object.entries({ ...query, limit: 500 }).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
    return items(await firstValueFrom(this.http.get<{ items: Broadcast[] }>('/api/broadcasts', { params })));
  }
  get(id: string): Promise<BroadcastDetail> {
    return firstValueFrom(this.http.get<BroadcastDetail>(`/api/broadcasts/${id}`));
  }
  create(body: BroadcastFields): Promise<BroadcastDetail> {
    return firstValueFrom(this.http.post<BroadcastDetail>('/api/broadcasts', body));
  }
  update(id: string, body: BroadcastFields): Promise<BroadcastDetail> {
    return firstValueFrom(this.http.patch<BroadcastDetail>(`/api/broadcasts/${id}`, body));
  }
  transition(id: string, to: BroadcastStatus, note?: string): Promise<BroadcastDetail> {
    return firstValueFrom(this.http.post<BroadcastDetail>(`/api/broadcasts/${id}/transitions`, { to, ...(note ? { note } : {}) }));
  }
  tick(id: string, itemId: string, done: boolean): Promise<ChecklistItem> {
    return firstValueFrom(this.http.patch<ChecklistItem>(`/api/broadcasts/${id}/checklist/${itemId}`, { done }));
  }
  addChecklistItem(id: string, label: string, required: boolean): Promise<ChecklistItem> {
    return firstValueFrom(this.http.post<ChecklistItem>(`/api/broadcasts/${id}/checklist`, { label, required }));
  }
  ingest(id: string): Promise<Ingest> {
    return firstValueFrom(this.http.get<Ingest>(`/api/broadcasts/${id}/ingest`));
  }
  rotateKey(id: string): Promise<Ingest> {
    return firstValueFrom(this.http.post<Ingest>(`/api/broadcasts/${id}/stream-key`, {}));
  }
  addRestream(id: string, body: { name: string; rtmpUrl: string; streamKey: string }): Promise<Restream> {
    return firstValueFrom(this.http.post<Restream>(`/api/broadcasts/${id}/restreams`, body));
  }
  removeRestream(id: string, restreamId: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/broadcasts/${id}/restreams/${restreamId}`));
  }
  activity(id: string): Promise<ActivitySummary> {
    return firstValueFrom(this.http.get<ActivitySummary>(`/api/activities/${id}`));
  }
  async people(): Promise<Person[]> {
    return items(await firstValueFrom(this.http.get<{ items: Person[] }>('/api/users')));
  }
  async rooms(): Promise<{ id: string; name: string; streamingEquipped: boolean }[]> {
    return items(await firstValueFrom(this.http.get<{ items: { id: string; name: string; streamingEquipped: boolean }[] }>('/api/rooms')));
  }
  async equipment(): Promise<Equipment[]> {
    return items(await firstValueFrom(this.http.get<{ items: Equipment[] }>('/api/equipment')));
  }
  async kits(): Promise<Kit[]> {
    return items(await firstValueFrom(this.http.get<{ items: Kit[] }>('/api/equipment/kits')));
  }
  async templates(): Promise<Template[]> {
    return items(await firstValueFrom(this.http.get<{ items: Template[] }>('/api/checklist-templates')));
  }
  /** A new secret calendar address for this staff member's broadcasts (shown once). */
  async calendarFeed(userId: string): Promise<string> {
    return (await firstValueFrom(this.http.post<{ url: string }>(`/api/ical/users/${userId}/token`, {}))).url;
  }
}
