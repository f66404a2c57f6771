import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AssetStatus } from '@app/domain';
import type { TestApi } from '../../testing/test-app';

export type Role = 'admin' | 'planner' | 'producer' | 'editor';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** Calls, set-up and the review-and-publish flow against a running test API, for the publication tests. */
export function publicationKit(api: TestApi) {
  const ds = () => api.app.get(DataSource);

  const call = async (role: Role | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${api.url}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(role ? { authorization: `Bearer ${await api.tokenFor(role)}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: Json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, body: json, text, headers: res.headers };
  };

  const ok = async (role: Role, method: string, path: string, body?: unknown): Promise<Json> => {
    const res = await call(role, method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path} as ${role}: ${res.status} ${res.text}`);
    return res.body;
  };

  /** A recording row as the upload and transcode jobs leave it (inserted directly: this suite tests publication). */
  const addAsset = async (episodeId: string, status: AssetStatus = 'ready', durationS = 184.2): Promise<string> => {
    const id = randomUUID();
    const failed = status === 'rejected' || status === 'failed';
    const ready = status === 'ready';
    await ds().query(
      `INSERT INTO media_assets (id, episode_id, filename, source_key, size_bytes, status, duration_s, reason, playable_at, ready_at, poster_file, storyboard_file, captions)
       VALUES ($1, $2, 'opname.mp4', $3, 1000, $4, $5, $6, $7, $7, $8, $9, $10)`,
      [
        id,
        episodeId,
        `uploads/${id}`,
        status,
        durationS,
        failed ? 'Not usable' : null,
        ready ? new Date() : null,
        ready ? 'hls/poster.jpg' : null,
        ready ? 'hls/storyboard.vtt' : null,
        JSON.stringify(ready ? [{ lang: 'nl', label: 'Nederlands', file: 'hls/captions/nl.vtt', playlist: 'hls/captions/nl.m3u8', transcript: 'Welkom bij de bibliotheek.' }] : []),
      ],
    );
    return id;
  };

  const series = (body: { title: string; language?: string; category?: string; description?: string; slug?: string }): Promise<Json> => ok('producer', 'POST', '/series', body);

  const episode = async (seriesId: string, title: string, description = '', asset: AssetStatus | null = 'ready'): Promise<Json> => {
    const e = await ok('producer', 'POST', `/series/${seriesId}/episodes`, { title, description });
    if (asset) e.assetId = await addAsset(e.id, asset);
    return e;
  };

  /** submit → approve → publish now. */
  const publish = async (episodeId: string, visibility: 'public' | 'unlisted' | 'internal' = 'public'): Promise<Json> => {
    await ok('producer', 'POST', `/episodes/${episodeId}/submit`);
    await ok('editor', 'POST', `/episodes/${episodeId}/approve`);
    return ok('editor', 'POST', `/episodes/${episodeId}/publish`, { visibility });
  };

  return { ds, call, ok, addAsset, series, episode, publish };
}
