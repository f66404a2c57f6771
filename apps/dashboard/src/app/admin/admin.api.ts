import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Role } from '../auth/auth.service';

export const ROLES: Role[] = ['admin', 'planner', 'producer', 'editor'];
export const EQUIPMENT_KINDS = ['camera', 'microphone', 'audio', 'lighting', 'encoder', 'network', 'computer', 'other'] as const;
export const CRITERIA = ['demand', 'remoteAccess', 'roomEquipped', 'crewAvailable', 'reuseValue', 'remoteSuitability'] as const;
export type Criterion = (typeof CRITERIA)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
}
export interface Room {
  id: string;
  name: string;
  capacity: number | null;
  streamingEquipped: boolean;
  notes: string;
}
export interface Equipment {
  id: string;
  name: string;
  kind: string;
  kitId: string | null;
  notes: string;
  active: boolean;
}
export interface Kit {
  id: string;
  name: string;
  items: Equipment[];
}
export interface TemplateItem {
  label: string;
  required: boolean;
}
export interface ChecklistTemplate {
  id: string;
  name: string;
  items: TemplateItem[];
  isDefault: boolean;
}
export interface QualificationSettings {
  weights: Record<Criterion, number>;
  threshold: number;
  crewNeeded: number;
}

const items = async <T>(call: Promise<{ items: T[] }>) => (await call).items;

/** Staff accounts, rooms, equipment, checklist templates and the qualification settings. */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  users(): Promise<User[]> {
    return items(firstValueFrom(this.http.get<{ items: User[] }>('/api/users', { params: { includeInactive: true } })));
  }
  createUser(body: { email: string; name: string; password: string; roles: Role[] }): Promise<User> {
    return firstValueFrom(this.http.post<User>('/api/users', body));
  }
  updateUser(id: string, body: Partial<{ name: string; roles: Role[]; active: boolean; password: string }>): Promise<User> {
    return firstValueFrom(this.http.patch<User>(`/api/users/${id}`, body));
  }

  rooms(): Promise<Room[]> {
    return items(firstValueFrom(this.http.get<{ items: Room[] }>('/api/rooms')));
  }
  createRoom(body: { name: string; capacity: number | null; streamingEquipped: boolean; notes: string }): Promise<Room> {
    return firstValueFrom(this.http.post<Room>('/api/rooms', body));
  }
  updateRoom(id: string, body: Partial<Omit<Room, 'id'>>): Promise<Room> {
    return firstValueFrom(this.http.patch<Room>(`/api/rooms/${id}`, body));
  }

  equipment(): Promise<Equipment[]> {
    return items(firstValueFrom(this.http.get<{ items: Equipment[] }>('/api/equipment', { params: { includeRetired: true } })));
  }
  kits(): Promise<Kit[]> {
    return items(firstValueFrom(this.http.get<{ items: Kit[] }>('/api/equipment/kits')));
  }
  createEquipment(body: { name: string; kind: string; kitId: string | null }): Promise<Equipment> {
    return firstValueFrom(this.http.post<Equipment>('/api/equipment', body));
  }
  updateEquipment(id: string, body: Partial<{ active: boolean; kitId: string | null }>): Promise<Equipment> {
    return firstValueFrom(this.http.patch<Equipment>(`/api/equipment/${id}`, body));
  }
  createKit(name: string): Promise<Kit> {
    return firstValueFrom(this.http.post<Kit>('/api/equipment/kits', { name }));
  }

  templates(): Promise<ChecklistTemplate[]> {
    return items(firstValueFrom(this.http.get<{ items: ChecklistTemplate[] }>('/api/checklist-templates')));
  }
  saveTemplate(id: string | null, body: Omit<ChecklistTemplate, 'id'>): Promise<ChecklistTemplate> {
    return firstValueFrom(id ? this.http.patch<ChecklistTemplate>(`/api/checklist-templates/${id}`, body) : this.http.post<ChecklistTemplate>('/api/checklist-templates', body));
  }
  deleteTemplate(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/checklist-templates/${id}`));
  }

  settings(): Promise<QualificationSettings> {
    return firstValueFrom(this.http.get<QualificationSettings>('/api/qualification/settings'));
  }
  saveSettings(body: QualificationSettings): Promise<QualificationSettings> {
    return firstValueFrom(this.http.put<QualificationSettings>('/api/qualification/settings', body));
  }
}
