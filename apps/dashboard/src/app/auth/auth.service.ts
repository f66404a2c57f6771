import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';

export type Role = 'admin' | 'planner' | 'producer' | 'editor';
export interface Me {
  id: string;
  email: string;
  name: string;
  roles: Role[];
}

const TOKEN_KEY = 'accessToken';

/** The staff session: the bearer token (kept for this browser tab) and who is logged in. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  readonly token = signal<string | null>(sessionStorage.getItem(TOKEN_KEY));
  readonly me = signal<Me | null>(null);
  readonly loggedIn = computed(() => this.token() !== null);

  async login(email: string, password: string): Promise<void> {
    const res = await firstValueFrom(this.http.post<{ accessToken: string }>('/api/auth/login', { email, password }));
    sessionStorage.setItem(TOKEN_KEY, res.accessToken);
    this.token.set(res.accessToken);
    await this.loadMe();
  }

  async loadMe(): Promise<Me | null> {
    if (!this.token()) return null;
    if (!this.me()) this.me.set(await firstValueFrom(this.http.get<Me>('/api/auth/me')));
    return this.me();
  }

  logout(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    this.token.set(null);
    this.me.set(null);
  }

  /** Admin may use everything; others need one of the roles. */
  can(...roles: Role[]): boolean {
    const mine = this.me()?.roles ?? [];
    return mine.includes('admin') || mine.some((r) => roles.includes(r));
  }
}
