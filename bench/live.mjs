#!/usr/bin/env node
// Live latency: a frame pushed over RTMP → the segment holding it listed in the live playlist, through the real
// API (RTMP ingest, ffmpeg, HLS route) on a throw-away PostgreSQL and Redis. Pushes a generated stream as OBS
// does (H.264 key frame every second, AAC) for the passthrough path, then the same picture with MP3 sound, which
// takes the transcoded ladder. The pusher reports how much media it has sent (ffmpeg -progress, with -re it sends
// in real time), which dates every frame; the playlist is polled every 50 ms, and a segment's first frame lies at
// the sum of the durations listed before it. Rerun with: npm run build:server && node bench/live.mjs [seconds]
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { freePort, root } from '../scripts/lib/system.mjs';
import { withStack } from './lib/stack.mjs';

const SECONDS = Number(process.argv[2] ?? 30);
const POLL_MS = 50;
const GOAL_S = 4;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Pushes `seconds` of a test picture with a clock and a tone; resolves the pusher's media-time origin (wall ms). */
function push(url, seconds, audioCodec) {
  const args = [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-progress', 'pipe:1', '-stats_period', '0.1', '-re',
    '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', String(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '30', '-pix_fmt', 'yuv420p', '-b:v', '3000k',
    '-c:a', audioCodec, '-b:a', '128k', '-f', 'flv', url,
  ];
  const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  // With -re, media time t leaves the pusher at origin + t; the report with the least lag gives the origin.
  let origin = Infinity;
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    const now = Date.now();
    const lines = (pending + chunk).split('\n');
    pending = lines.pop();
    for (const line of lines) {
      const m = /^out_time_us=(\d+)/.exec(line);
      if (m && Number(m[1]) > 0) origin = Math.min(origin, now - Number(m[1]) / 1000);
    }
  });
  const done = new Promise((resolve) => child.once('exit', resolve));
  return { done, origin: () => origin };
}

/** Polls a media playlist; returns, per segment, when it was first listed and its place on the media timeline. */
async function watch(url, until) {
  const seen = new Map();
  let mediaEnd = 0;
  while (!until()) {
    const res = await fetch(url).catch(() => null);
    const at = Date.now();
    if (res?.ok) {
      const lines = (await res.text()).split('\n');
      let sequence = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(lines.join('\n'))?.[1] ?? 0);
      let duration = 0;
      for (const line of lines) {
        if (line.startsWith('#EXTINF:')) duration = Number.parseFloat(line.slice(8));
        else if (line && !line.startsWith('#')) {
          if (!seen.has(sequence)) seen.set(sequence, { listedAt: at, duration });
          sequence++;
        }
      }
    }
    await sleep(POLL_MS);
  }
  // Segments are numbered from 0 and none is skipped by a 50 ms poll of a 6-segment window.
  const segments = [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([seq, s]) => ({ seq, ...s }));
  const start = [];
  for (const s of segments) {
    start.push(mediaEnd);
    mediaEnd += s.duration;
  }
  return { segments: segments.map((s, i) => ({ ...s, mediaStart: start[i] })), mediaEnd };
}

const stats = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  const q = (p) => v[Math.min(v.length - 1, Math.floor(p * (v.length - 1) + 0.5))];
  return { n: v.length, min: v[0], median: q(0.5), p95: q(0.95), max: v.at(-1) };
};
const fmt = (s) => `min ${s.min.toFixed(2)} s, median ${s.median.toFixed(2)} s, p95 ${s.p95.toFixed(2)} s, max ${s.max.toFixed(2)} s (${s.n} segments)`;

const dir = path.join(root, '.data/bench', `live-${process.pid}`);
const rtmpPort = await freePort();
const config = { RTMP_PORT: String(rtmpPort), LIVE_DIR: path.join(dir, 'live'), MEDIA_DIR: path.join(dir, 'media'), LIVE_RECONNECT_GRACE_S: '1' };
await withStack(dir, config, async ({ base, accessToken }) => {
  const api = async (method, p, body) => {
    const res = await fetch(`${base}/api${p}`, { method, headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return res.json();
  };

  const results = [];
  for (const [label, audio, playlist] of [
    ['passthrough (H.264/AAC copied)', 'aac', 'index.m3u8'],
    ['ladder (MP3 sound → 720p + 360p transcode)', 'libmp3lame', 'v0.m3u8'],
  ]) {
    const start = new Date(Date.now() + 5 * 60_000);
    const b = await api('POST', '/broadcasts', { title: `Latency ${label}`, start: start.toISOString(), end: new Date(start.getTime() + 3600_000).toISOString() });
    for (const item of b.checklist) await api('PATCH', `/broadcasts/${b.id}/checklist/${item.id}`, { done: true });
    const { streamKey } = await api('POST', `/broadcasts/${b.id}/stream-key`);
    await api('POST', `/broadcasts/${b.id}/transitions`, { to: 'scheduled' });
    await api('POST', `/broadcasts/${b.id}/transitions`, { to: 'ready' });

    const pusher = push(`rtmp://127.0.0.1:${rtmpPort}/live/${streamKey}`, SECONDS, audio);
    let ended = false;
    let mode = null;
    void pusher.done.then(() => sleep(1500).then(() => (ended = true)));
    void sleep(5000).then(async () => (mode = (await api('GET', `/broadcasts/${b.id}/live`)).ingest.mode));
    const seen = await watch(`${base}/api/live/${b.id}/${playlist}`, () => ended);
    const origin = pusher.origin();
    const latencies = seen.segments.map((s) => (s.listedAt - (origin + s.mediaStart * 1000)) / 1000);
    results.push({ label, latencies, steady: latencies.slice(3), seen, mode });
  }

  console.log(`Live latency, ${new Date().toISOString()}, ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${os.cpus().length} CPUs, node ${process.version}, ${SECONDS} s pushes`);
  console.log(`Frame pushed → its segment listed in the playlist (worst frame of a segment: its first; 1 s segments, playlist polled every ${POLL_MS} ms):`);
  for (const r of results) {
    const all = stats(r.latencies);
    console.log(`  ${r.label}: the ingest chose ${r.mode}`);
    console.log(`    all segments:           ${fmt(all)}`);
    console.log(`    after the first 3 s:    ${fmt(stats(r.steady))}`);
    console.log(`    first segment listed:   ${r.latencies[0].toFixed(2)} s after the first frame was pushed`);
    console.log(`    last frame of a segment (median): ${(stats(r.seen.segments.slice(3).map((s, i) => r.steady[i] - s.duration)).median).toFixed(2)} s`);
    console.log(`    media listed: ${r.seen.mediaEnd.toFixed(1)} s of ${SECONDS} s pushed (the first segment starts at the first frame)`);
    console.log(`    goal ≤ ${GOAL_S} s: p95 ${stats(r.steady).p95 <= GOAL_S ? 'met' : 'NOT met'} (PeerTube small-latency mode ≈ 15 s: ${(15 / stats(r.steady).median).toFixed(1)}× ours)`);
  }
  console.log(`Rerun: npm run build:server && node bench/live.mjs ${SECONDS}`);
});
