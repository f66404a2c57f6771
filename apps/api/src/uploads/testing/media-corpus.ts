import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });

/** A short valid screencast-like clip (H.264 + AAC in MP4) made with lavfi. */
export function validClip(dir: string, name = 'clip.mp4', seconds = 2): string {
  const file = path.join(dir, name);
  ffmpeg(
    '-f', 'lavfi', '-i', `testsrc2=s=320x240:r=25:d=${seconds}`,
    '-f', 'lavfi', '-i', `sine=f=440:d=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', file,
  );
  return file;
}

export interface HostileFile {
  name: string;
  /** What the producer names the file (a renamed file keeps an accepted extension). */
  filename: string;
  file: string;
  code: string;
  message: RegExp;
}

/** Files that must never get past the probe, each with the reason a producer should see. */
export function hostileCorpus(dir: string, maxDurationS: number): HostileFile[] {
  const at = (name: string) => path.join(dir, name);
  const files: HostileFile[] = [];
  const add = (name: string, code: string, message: RegExp, make: (file: string) => void, filename = `${name}.mp4`) => {
    const file = at(name.replace(/[^a-z0-9]+/gi, '-'));
    make(file);
    files.push({ name, filename, file, code, message });
  };

  add('png renamed to mp4', 'image', /picture, not a recording/, (f) => ffmpeg('-f', 'lavfi', '-i', 'color=c=red:s=64x64', '-frames:v', '1', '-f', 'image2', '-c:v', 'png', f));
  add('pdf renamed to mp4', 'document', /PDF document, not a recording/, (f) =>
    writeFileSync(f, '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
  );
  add('text file', 'text', /text file, not a recording/, (f) => writeFileSync(f, 'Draaiboek workshop: eerst de catalogus, dan verlengen.\n'), 'draaiboek.mov');
  add('m3u8 playlist pointing at /etc/passwd', 'playlist', /playlist, not a recording/, (f) =>
    writeFileSync(f, '#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\n/etc/passwd\n#EXTINF:10.0,\nfile:///etc/shadow\n#EXT-X-ENDLIST\n'),
  );
  add('ffconcat script', 'script', /ffmpeg script/, (f) => writeFileSync(f, "ffconcat version 1.0\nfile '/etc/passwd'\nfile 'http://169.254.169.254/latest/meta-data'\n"));
  add('zero bytes', 'empty', /empty \(0 bytes\)/, (f) => writeFileSync(f, ''));
  add('truncated mp4 (no index)', 'unreadable', /damaged, cut off/, (f) => {
    const whole = readFileSync(validClip(dir, 'whole.mp4'));
    writeFileSync(f, whole.subarray(0, whole.length >> 1));
  });
  add('truncated mp4 (index first)', 'undecodable', /cannot be played back/, (f) => {
    const whole = at('whole-faststart.mp4');
    ffmpeg('-i', validClip(dir, 'source.mp4'), '-c', 'copy', '-movflags', '+faststart', whole);
    writeFileSync(f, readFileSync(whole).subarray(0, statSync(whole).size >> 1));
  });
  add('corrupted video data', 'undecodable', /cannot be played back/, (f) => {
    const ts = at('clean.ts');
    ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=25:d=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-f', 'mpegts', ts);
    // Fixed noise over the payload of packets a third in; the 8-byte packet headers stay intact, so the
    // streams are still found and only decoding fails.
    const bytes = readFileSync(ts);
    const start = Math.floor(bytes.length / 3 / 188) * 188;
    let noise = createHash('sha256').update('corrupt').digest();
    for (let i = 0; i < 100 * 188; i++) {
      if (i % 32 === 0) noise = createHash('sha256').update(noise).digest();
      if (i % 188 >= 8) bytes[start + i] = noise[i % 32];
    }
    writeFileSync(f, bytes);
  }, 'capture.ts');
  add('subtitle track only', 'no_streams', /neither video nor sound/, (f) => {
    const srt = at('captions.srt');
    writeFileSync(srt, '1\n00:00:00,000 --> 00:00:01,000\nWelkom\n');
    ffmpeg('-i', srt, '-c:s', 'mov_text', '-f', 'mp4', f);
  });
  add('9000x9000 picture', 'picture_too_large', /9000×9000 pixels, larger than 8K/, (f) =>
    ffmpeg('-f', 'lavfi', '-i', 'color=c=gray:s=9000x9000:r=1:d=1', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-f', 'mp4', f),
  );
  add('longer than the limit', 'too_long', /the limit is/, (f) =>
    ffmpeg('-f', 'lavfi', '-i', `testsrc2=s=160x120:r=10:d=${maxDurationS + 2}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-f', 'mp4', f),
  );
  add('theora in matroska', 'unsupported_video_codec', /encoded as theora/, (f) =>
    ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=160x120:r=10:d=1', '-c:v', 'libtheora', '-f', 'matroska', f), 'old.mkv');
  return files;
}
