#!/usr/bin/env node
// Time and memory of a 2,000-event calendar import through the real API, on a throw-away PostgreSQL:
// a file of single events, a file with weekly series, the re-import of each (nothing changes), and the
// qualification report of the year. Rerun with: npm run build:server && node bench/calendar-import.mjs
import path from 'node:path';
import { root } from '../scripts/lib/system.mjs';
import { withStack } from './lib/stack.mjs';

const EVENTS = 2000;
const ROOMS = ['Zaal 1', 'Zaal 2', 'Kinderhoek', 'Studio', 'Leeszaal', 'Makerspace', 'Auditorium', 'Foyer'];
const KINDS = [
  ['Lezing', 'Volwassenen'],
  ['Voorlezen', 'Peuters'],
  ['Workshop', 'Senioren'],
  ['Webinar', 'Ouders'],
  ['Concert', 'Iedereen'],
];

/** An ICS file of `EVENTS` events; every `seriesEvery`-th one repeats weekly for the rest of the year. */
function calendar(seriesEvery) {
  const prefix = seriesEvery ? `weekly${seriesEvery}` : 'single';
  const pad = (n) => String(n).padStart(2, '0');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bench//EN'];
  for (let i = 0; i < EVENTS; i++) {
    const day = new Date(Date.UTC(2026, 0, 1 + (i % 360)));
    const date = `${day.getUTCFullYear()}${pad(day.getUTCMonth() + 1)}${pad(day.getUTCDate())}`;
    const hour = 9 + (i % 12);
    const [category, audience] = KINDS[i % KINDS.length];
    lines.push(
      'BEGIN:VEVENT',
      `UID:${prefix}-${i}@library.example`,
      'DTSTAMP:20260101T000000Z',
      `DTSTART;TZID=Europe/Amsterdam:${date}T${pad(hour)}0000`,
      `DTEND;TZID=Europe/Amsterdam:${date}T${pad(hour + 1)}3000`,
      ...(seriesEvery && i % seriesEvery === 0 ? ['RRULE:FREQ=WEEKLY;UNTIL=20261231T230000Z'] : []),
      `SUMMARY:${category} ${i}`,
      `DESCRIPTION:Activiteit nummer ${i} uit de jaarkalender\\, met een beschrijving.`,
      `LOCATION:${ROOMS[i % ROOMS.length]}`,
      `CATEGORIES:${category}`,
      `X-AUDIENCE:${audience}`,
      `X-CAPACITY:${20 + (i % 60)}`,
      `X-REGISTRATIONS:${i % 90}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return Buffer.from(lines.join('\r\n'));
}

const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;

async function measure(fn) {
  global.gc?.();
  const start = process.memoryUsage();
  let peak = start.rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t0 = performance.now();
  const result = await fn();
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result, ms, rssGrowth: peak - start.rss, peak };
}

const dir = path.join(root, '.data/bench', `run-${process.pid}`);
await withStack(dir, {}, async ({ base, accessToken }) => {
  const headers = { authorization: `Bearer ${accessToken}` };
  const upload = async (bytes) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), 'agenda.ics');
    form.append('year', '2026');
    const res = await fetch(`${base}/api/calendar/imports`, { method: 'POST', headers, body: form });
    if (res.status !== 201) throw new Error(`import failed: ${res.status} ${await res.text()}`);
    return res.json();
  };

  const rows = [];
  for (const [label, file] of [
    [`${EVENTS} single events`, calendar(0)],
    [`${EVENTS} events, 1 in 20 weekly`, calendar(20)],
  ]) {
    const first = await measure(() => upload(file));
    const again = await measure(() => upload(file));
    rows.push({ label, size: file.length, first, again });
  }
  const year = `${base}/api/activities?from=2026-01-01&to=2027-01-01&limit=500`;
  const report = await measure(async () => (await fetch(`${year}&qualifies=true`, { headers })).json());
  const all = await (await fetch(year, { headers })).json();

  console.log(`Calendar import, ${new Date().toISOString()}, node ${process.version}, ${(await import('node:os')).cpus().length} CPUs`);
  for (const { label, size, first, again } of rows) {
    const r = first.result;
    console.log(
      `${label} (${(size / 1024).toFixed(0)} kB): created ${r.created} in ${first.ms.toFixed(0)} ms (rss +${mb(first.rssGrowth)}, peak ${mb(first.peak)}); ` +
        `re-import: ${again.result.unchanged} unchanged in ${again.ms.toFixed(0)} ms = ${(again.ms / first.ms).toFixed(2)}× the first`,
    );
  }
  console.log(`Qualification report of the year: ${report.result.total} of ${all.total} activities qualify, computed in ${report.ms.toFixed(0)} ms (rss +${mb(report.rssGrowth)})`);
  console.log('Rerun: npm run build:server && node bench/calendar-import.mjs');
});
