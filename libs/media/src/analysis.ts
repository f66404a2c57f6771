// Arguments of the read-only passes that run before a transcode: loudness measurement, decode check, key frames.
// Pure data, executed by ffmpeg.runner.ts.

/**
 * Speech on the web is played on laptops and phones next to other web audio, so the target is the
 * streaming/podcast level of -16 LUFS (AES TD1004) rather than broadcast's -23 LUFS, which sounds too quiet there.
 * Measured with EBU R128 (BS.1770) gating by loudnorm in both passes.
 */
export const LOUDNESS_TARGET = { integratedLufs: -16, truePeakDb: -1.5, loudnessRange: 11 } as const;

export interface LoudnessMeasurement {
  inputI: number;
  inputTp: number;
  inputLra: number;
  inputThresh: number;
  targetOffset: number;
}

const { integratedLufs, truePeakDb, loudnessRange } = LOUDNESS_TARGET;
const LOUDNORM_TARGET = `I=${integratedLufs}:TP=${truePeakDb}:LRA=${loudnessRange}`;

/** Input options for every ffmpeg/ffprobe run on an uploaded file: only the file protocol may be opened. */
export const SAFE_INPUT = ['-protocol_whitelist', 'file'];

export function loudnessMeasureArgs(file: string): string[] {
  return ['-hide_banner', '-nostdin', ...SAFE_INPUT, '-i', file, '-map', '0:a:0', '-vn', '-sn', '-dn', '-af', `loudnorm=${LOUDNORM_TARGET}:print_format=json`, '-f', 'null', '-'];
}

/** Second loudnorm pass with the measured values; linear when the measurement allows it (no pumping on speech). */
export function loudnormFilter(m: LoudnessMeasurement): string {
  const measured = `measured_I=${m.inputI}:measured_TP=${m.inputTp}:measured_LRA=${m.inputLra}:measured_thresh=${m.inputThresh}:offset=${m.targetOffset}`;
  return `loudnorm=${LOUDNORM_TARGET}:${measured}:linear=true`;
}

/** A silent track measures -inf: nothing to normalise. */
export function isMeasurable(m: LoudnessMeasurement | undefined): m is LoudnessMeasurement {
  return !!m && [m.inputI, m.inputTp, m.inputLra, m.inputThresh, m.targetOffset].every(Number.isFinite);
}

/** Decodes the first `seconds` of every audio and video stream, failing on the first decoding error. */
export function decodeCheckArgs(file: string, seconds: number): string[] {
  return ['-hide_banner', '-nostdin', '-v', 'error', '-xerror', '-err_detect', 'explode', ...SAFE_INPUT, '-t', String(seconds), '-i', file, '-map', '0:v?', '-map', '0:a?', '-f', 'null', '-'];
}

/** ffprobe arguments listing the first video stream's packets (time, flags) without decoding them. */
export function keyframeProbeArgs(file: string): string[] {
  return ['-v', 'error', ...SAFE_INPUT, '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', file];
}

/** Parses the JSON block loudnorm prints at the end of the first pass. */
export function parseLoudnormJson(stderr: string): LoudnessMeasurement {
  const start = stderr.lastIndexOf('{');
  const end = stderr.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error('loudnorm printed no measurement');
  const raw = JSON.parse(stderr.slice(start, end + 1)) as Record<string, string>;
  const num = (key: string): number => {
    const value = raw[key];
    if (value === '-inf') return -Infinity;
    if (value === 'inf') return Infinity;
    const n = Number(value);
    if (value === undefined || Number.isNaN(n)) throw new Error(`loudnorm measurement lacks ${key}`);
    return n;
  };
  return { inputI: num('input_i'), inputTp: num('input_tp'), inputLra: num('input_lra'), inputThresh: num('input_thresh'), targetOffset: num('target_offset') };
}
