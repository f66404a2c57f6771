#!/usr/bin/env node
// Transcode benchmark: our plan (libs/media/src/plan.ts, the same argument lists the worker runs) against
// PeerTube-equivalent commands and a bare single-process split ladder, side by side in one run on the same inputs.
//
//   npm run build:server && node bench/transcode.mjs [--seconds 30] [--long-seconds 120] [--keep]
//
// Prints ratios (ours / theirs), the machine, and the command to rerun. Absolute times mean little on shared machines.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distPlan = path.join(root, 'dist/libs/media/src/plan.js');
if (!existsSync(distPlan)) {
  console.error('Build the server first: npm run build:server');
  process.exit(1);
}
const require = createRequire(import.meta.url);
const { buildPlan, buildChunkedLadder, sourceFacts, SCREENCAST_PRESET } = require(distPlan);
const { loudnessMeasureArgs, parseLoudnormJson } = require(path.join(root, 'dist/libs/media/src/analysis.js'));

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const SECONDS = Number(arg('seconds', 30));
const LONG_SECONDS = Number(arg('long-seconds', 120));
const KEEP = process.argv.includes('--keep');
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-transcode-'));
const at = (...p) => path.join(dir, ...p);

function ffmpeg(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-8000)));
    child.once('close', (code) => (code === 0 ? resolve(stderr) : reject(new Error(`ffmpeg ${args.join(' ')}\n${stderr}`))));
  });
}
async function timed(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}
const probeJson = (file) => JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { encoding: 'utf8' }));
const keyframes = (file) =>
  execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', file], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n').filter((l) => l.split(',')[1]?.startsWith('K')).map((l) => Number(l.split(',')[0])).sort((a, b) => a - b);
const bytesIn = (folder) => readdirSync(folder, { recursive: true }).map((f) => path.join(folder, f)).filter((f) => statSync(f).isFile() && !f.endsWith('.m3u8')).reduce((n, f) => n + statSync(f).size, 0);
const videoBytes = (playlist) =>
  execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=size', '-of', 'csv=p=0', playlist], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n').filter(Boolean).reduce((n, l) => n + Number(l), 0);
const mkdirs = (base, names) => names.forEach((n) => mkdirSync(path.join(base, n), { recursive: true }));

// ---------------------------------------------------------------- inputs
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';
const SANS = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
function writeTexts() {
  const words = 'const let return await async function if else for while import from export class new map filter reduce value item result error request media asset episode'.split(' ');
  let seed = 7;
  const rnd = (n) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  const code = Array.from({ length: 160 }, (_, i) => `${String(i + 1).padStart(4)}  ${'    '.repeat(rnd(4))}${Array.from({ length: 2 + rnd(8) }, () => words[rnd(words.length)]).join(' ')}() { };`);
  writeFileSync(at('code.txt'), code.join('\n'));
  writeFileSync(at('slide.txt'), 'Library screencasts\n\n- Record once, publish everywhere\n- Captions in Dutch and English\n- Chapters for every topic\n- Adaptive streaming to every patron\n\nhttps://library.example/screencasts');
}
/** Editor with paging scroll and typing, switching to a slide every 12 s, a moving cursor; speech-like audio. */
function screencastGraph() {
  return [
    `color=c=0x1e1e1e:s=1920x1080:r=30,drawtext=fontfile=${FONT}:textfile=${at('code.txt')}:fontsize=24:fontcolor=0xd4d4d4:x=90:y='70-34*floor(t/3)':line_spacing=10[a]`,
    `color=c=0xfafafa:s=1920x1080:r=30,drawtext=fontfile=${SANS}:textfile=${at('slide.txt')}:fontsize=44:fontcolor=0x202020:x=140:y=140:line_spacing=22[b]`,
    `[a][b]overlay=enable='gte(mod(t,12),7)'[w]`,
    `color=c=0x1e1e1e:s=900x40:r=30[mask]`,
    `[w][mask]overlay=x='300+mod(t*150,900)':y=104:enable='lt(mod(t,12),7)'[t]`,
    `color=c=0xff3030:s=14x22:r=30[cur]`,
    `[t][cur]overlay=x='960+700*sin(t/2)':y='540+380*sin(t/3)'[v]`,
    `sine=f=180,volume='0.4+0.35*sin(t*5)*sin(t*0.7)':eval=frame[au]`,
  ].join(';');
}
// A typical recorder's output: H.264 High yuv420p, 2 s key frames, AAC.
const recorderEncode = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-g', '60', '-c:a', 'aac', '-b:a', '160k'];

// ---------------------------------------------------------------- pipelines
async function factsOf(file) {
  const loud = parseLoudnormJson(await ffmpeg(loudnessMeasureArgs(file)));
  return sourceFacts(probeJson(file), keyframes(file), loud);
}

async function ours(file, name, preset = SCREENCAST_PRESET) {
  const facts = await factsOf(file);
  const out = at(name);
  const plan = buildPlan(facts, preset, { input: file, outDir: out });
  const times = {};
  for (const step of plan.steps.filter((s) => s.name !== 'thumbnails')) {
    mkdirs(out, step.outputs);
    times[step.name] = await timed(() => ffmpeg(step.args));
  }
  return { out, firstPlayable: times.playable, fullLadder: (times.playable ?? 0) + (times.ladder ?? 0), plan };
}

/** PeerTube's VOD HLS settings: target bitrate from bits per pixel, capped by the input's; one job per resolution. */
function peertubeBitrate(height, fps, inputBitrate) {
  const bpp = { 1080: 0.1, 720: 0.11, 480: 0.12 }[height];
  const average = Math.floor(height * height * (16 / 9) * fps * bpp);
  const capped = inputBitrate ? Math.min(average, inputBitrate * 1.3) : average;
  return Math.max(Math.floor(height * height * (16 / 9) * fps * 0.02), Math.round(capped));
}
function peertubeArgs(file, height, fps, inputBitrate, out) {
  const rate = peertubeBitrate(height, fps, inputBitrate);
  return [
    '-hide_banner', '-nostdin', '-y', '-i', file, '-vf', `scale=w=-2:h=${height}`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-maxrate:v', String(rate), '-bufsize:v', String(rate * 2), '-b_strategy', '1', '-bf', '16',
    '-r', String(fps), '-g', String(fps * 2), '-pix_fmt', 'yuv420p', '-level', '3.1', '-c:a', 'aac', '-b:a', '128k',
    '-f', 'hls', '-hls_time', '4', '-hls_list_size', '0', '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4',
    '-hls_flags', 'single_file', path.join(out, `${height}.m3u8`),
  ];
}
async function peertube(file, name) {
  const probe = probeJson(file);
  const out = at(name);
  mkdirSync(out, { recursive: true });
  const fps = 30;
  const times = [];
  for (const h of [1080, 720, 480]) times.push(await timed(() => ffmpeg(peertubeArgs(file, h, fps, Number(probe.format.bit_rate), out))));
  return { out, firstPlayable: times[0], fullLadder: times.reduce((a, b) => a + b, 0) };
}

async function bareSplit(file, name) {
  const out = at(name);
  mkdirSync(out, { recursive: true });
  const rungs = [[1920, 1080], [1280, 720], [854, 480]];
  const args = ['-hide_banner', '-nostdin', '-y', '-i', file, '-filter_complex', `[0:v]split=3[a][b][c];[a]scale=1920:1080[v0];[b]scale=1280:720[v1];[c]scale=854:480[v2]`];
  rungs.forEach((r, i) => args.push('-map', `[v${i}]`, '-map', '0:a', '-c:v', 'libx264', '-preset', 'veryfast', '-c:a', 'aac', '-f', 'hls', '-hls_time', '4', '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4', '-hls_segment_filename', path.join(out, `${r[1]}_%03d.m4s`), '-hls_fmp4_init_filename', `${r[1]}_init.mp4`, path.join(out, `${r[1]}.m3u8`)));
  const t = await timed(() => ffmpeg(args));
  return { out, firstPlayable: t, fullLadder: t };
}

/** SSIM of a rendition against the source, both at the source's 1080p (the rung upscaled with bicubic). */
async function ssim(source, playlist) {
  const stderr = await ffmpeg(['-hide_banner', '-nostdin', '-i', playlist, '-i', source, '-lavfi', '[0:v]scale=1920:1080:flags=bicubic[d];[d][1:v]ssim', '-f', 'null', '-']);
  return Number(/All:([0-9.]+)/.exec(stderr)[1]);
}

// ---------------------------------------------------------------- run
const cpu = os.cpus()[0]?.model ?? 'unknown';
console.log(`Machine: ${cpu}, ${os.cpus().length} logical cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`ffmpeg: ${execFileSync('ffmpeg', ['-version'], { encoding: 'utf8' }).split('\n')[0]}`);
console.log(`Clips: ${SECONDS} s 1080p30 (screencast, high motion), ${LONG_SECONDS} s for the chunked run. Work folder ${dir}\n`);
const ratio = (a, b) => (a / b).toFixed(3);
const rows = [];
try {
  writeTexts();
  const screencast = at('screencast.mp4');
  const motion = at('motion.mp4');
  await ffmpeg(['-v', 'error', '-y', '-filter_complex', screencastGraph(), '-map', '[v]', '-map', '[au]', '-t', String(SECONDS), ...recorderEncode, screencast]);
  await ffmpeg(['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=1920x1080:r=30,hue=H=t', '-f', 'lavfi', '-i', 'sine=f=300', '-t', String(SECONDS), ...recorderEncode, motion]);

  for (const [label, file] of [['screencast', screencast], ['high motion', motion]]) {
    const o = await ours(file, `ours-${label}`);
    const full = await ours(file, `ours-full-${label}`, { ...SCREENCAST_PRESET, passthrough: false });
    const pt = await peertube(file, `peertube-${label}`);
    const bare = await bareSplit(file, `bare-${label}`);
    console.log(`${label}: ours first playable ${o.firstPlayable.toFixed(1)} s, ladder ${o.fullLadder.toFixed(1)} s (full transcode ${full.fullLadder.toFixed(1)} s); PeerTube-equivalent first ${pt.firstPlayable.toFixed(1)} s, ladder ${pt.fullLadder.toFixed(1)} s; bare split ${bare.fullLadder.toFixed(1)} s`);
    rows.push([`${label}: first playable, ours / PeerTube-equivalent (goal ≤ 0.020)`, ratio(o.firstPlayable, pt.firstPlayable)]);
    rows.push([`${label}: full ladder, ours / PeerTube-equivalent (goal ≤ 0.5)`, ratio(o.fullLadder, pt.fullLadder)]);
    rows.push([`${label}: full ladder, ours / bare split ladder`, ratio(o.fullLadder, bare.fullLadder)]);
    rows.push([`${label}: full ladder of a source we cannot copy, ours / PeerTube-equivalent`, ratio(full.fullLadder, pt.fullLadder)]);

    if (label === 'screencast') {
      let ourBytes = 0;
      let theirBytes = 0;
      let ourVideo = 0;
      let theirVideo = 0;
      for (const [h, id] of [[1080, 'v1080'], [720, 'v720'], [480, 'v480']]) {
        const mine = path.join(full.out, id, 'index.m3u8');
        const theirs = path.join(pt.out, `${h}.m3u8`);
        const [s1, s2] = [await ssim(file, mine), await ssim(file, theirs)];
        const b1 = bytesIn(path.join(full.out, id));
        const b2 = readdirSync(pt.out).filter((f) => f.startsWith(`${h}.`) && !f.endsWith('.m3u8')).reduce((n, f) => n + statSync(path.join(pt.out, f)).size, 0);
        ourBytes += b1;
        theirBytes += b2;
        ourVideo += videoBytes(mine);
        theirVideo += videoBytes(theirs);
        console.log(`  ${h}p: ours ${b1} bytes SSIM ${s1.toFixed(5)} | PeerTube-equivalent ${b2} bytes (video+audio) SSIM ${s2.toFixed(5)}`);
      }
      const audio = bytesIn(path.join(full.out, 'audio'));
      console.log(`  audio rendition (shared by all rungs): ${audio} bytes; copied top rung of the passthrough path: ${bytesIn(path.join(o.out, 'v1080'))} bytes (the source's own)`);
      rows.push(['screencast: ladder bytes, ours (encoded rungs + one shared audio) / PeerTube-equivalent (audio in every rung) (goal ≤ 0.7, SSIM per rung above)', ratio(ourBytes + audio, theirBytes)]);
      rows.push(['screencast: video bytes only, ours / PeerTube-equivalent, at equal or better SSIM per rung', ratio(ourVideo, theirVideo)]);
    }
  }

  // Long recording in chunks: the same chunk commands run one at a time vs two at a time.
  const long = at('long.mp4');
  await ffmpeg(['-v', 'error', '-y', '-stream_loop', String(Math.ceil(LONG_SECONDS / SECONDS) - 1), '-i', screencast, '-t', String(LONG_SECONDS), '-c', 'copy', long]);
  const facts = await factsOf(long);
  const chunkTimes = {};
  for (const workers of [1, 2]) {
    const out = at(`chunked-${workers}`);
    const ladder = buildChunkedLadder(facts, SCREENCAST_PRESET, { input: long, outDir: out }, LONG_SECONDS / 4);
    ladder.chunks.forEach((c) => mkdirs(out, c.outputs));
    const queue = [...ladder.chunks];
    chunkTimes[workers] = await timed(async () => {
      await Promise.all(Array.from({ length: workers }, async () => {
        for (let step = queue.shift(); step; step = queue.shift()) await ffmpeg(step.args);
      }));
      for (const l of ladder.lists) writeFileSync(l.file, l.text);
      mkdirs(out, ladder.join.outputs);
      await ffmpeg(ladder.join.args);
    });
    console.log(`chunked ${LONG_SECONDS} s ladder in ${ladder.chunks.length} chunks with ${workers} worker(s): ${chunkTimes[workers].toFixed(1)} s`);
  }
  rows.push([`long clip in chunks: 2 workers / 1 worker (same machine, ${os.cpus().length} cores)`, ratio(chunkTimes[2], chunkTimes[1])]);

  console.log('\nRatios (lower is better for us):');
  for (const [name, value] of rows) console.log(`  ${value}  ${name}`);
  console.log(`\nRerun: npm run build:server && node bench/transcode.mjs --seconds ${SECONDS} --long-seconds ${LONG_SECONDS}`);
} finally {
  if (!KEEP) rmSync(dir, { recursive: true, force: true });
}
