import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rm, rmdir, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { BeforeApplicationShutdown, ConflictException, Inject, Injectable, Logger, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { BroadcastStatus, canIngest, isPublicBroadcast, LiveEndReason, retryDelayMs } from '@app/domain';
import { listsSegment, liveIngestArgs, LiveMode, liveMode, LiveProcess, LiveProgress, restreamArgs } from '@app/media';
import { BroadcastsService } from '../broadcasts/broadcasts.service';
import { StreamKeysService } from '../broadcasts/stream-keys.service';
import type { LiveStatusDto, RestreamState } from './live.dto';
import { RecordingService } from './recording.service';
import { NmsSession, RtmpServer } from './rtmp-server';

const TICK_MS = 250;
const VIEWER_WINDOW_MS = 30_000;
/** Ended streams stay watchable this long, so players see the end of the playlist. */
const KEEP_ENDED_MS = 2 * 60_000;
const HLS_FILE = /^(index|v\d)\.m3u8$|^(seg|v\d)-\d+\.ts$/;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

interface Restream {
  name: string;
  url: string;
  state: RestreamState;
  attempts: number;
  lastError: string | null;
  since: Date;
  liveSince: number;
  process: LiveProcess | null;
  timer: NodeJS.Timeout | null;
}

interface Session {
  id: string;
  broadcastId: string;
  isPublic: boolean;
  dir: string;
  hlsDir: string;
  state: 'publishing' | 'reconnecting' | 'ending';
  since: Date;
  startedAt: Date;
  liveAt: Date | null;
  reconnects: number;
  parts: number;
  publisher: NmsSession | null;
  mode: LiveMode | null;
  mediaPlaylist: string;
  ingest: LiveProcess | null;
  progress: LiveProgress | null;
  restreams: Restream[] | null;
  bitrate: { publisher: NmsSession | null; bytes: number; at: number; kbps: number | null };
  graceTimer: NodeJS.Timeout | null;
  ticker: NodeJS.Timeout | null;
  ticks: number;
  /** Resolves when the processes of the previous publish have exited. */
  stopped: Promise<void>;
}

const ENDED_NOTES: Record<LiveEndReason, string> = {
  publisher_left: 'The encoder stopped streaming',
  stopped: 'Stopped from the control room',
  max_duration: 'Stopped: the maximum duration of a livestream was reached',
  disk_full: 'Stopped: the server is running out of disk space',
  interrupted: 'The server restarted during the stream and the encoder did not come back',
};

/**
 * Live sessions: admits publishers on the RTMP ingest, runs the ffmpeg processes of each (HLS + recording, one
 * per restream destination), moves the broadcast to live on the first segment and to ended when the encoder is
 * gone for longer than the grace period, and hands the recording over. A reconnect within the grace continues the
 * same session: the playlist goes on after a discontinuity and the recording gets another part.
 */
@Injectable()
export class LiveService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Live');
  private readonly root: string;
  private rtmp: RtmpServer | null = null;
  private rtmpHost = '127.0.0.1';
  private rtmpPort: number | null = null;
  /** Sessions by broadcast id. */
  private readonly sessions = new Map<string, Session>();
  /** Recently ended sessions whose playlist is still served, by broadcast id. */
  private readonly ended = new Map<string, { hlsDir: string; isPublic: boolean; timer: NodeJS.Timeout }>();
  /** Publishers that left before they were admitted. */
  private readonly gone = new WeakSet<NmsSession>();
  private readonly viewers = new Map<string, Map<string, number>>();
  private readonly viewerKey = randomBytes(32);
  private readonly work = new Set<Promise<unknown>>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: StreamKeysService,
    private readonly broadcasts: BroadcastsService,
    private readonly recordings: RecordingService,
    private readonly jwt: JwtService,
  ) {
    this.root = path.resolve(config.LIVE_DIR);
  }

  async onApplicationBootstrap(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await this.adoptOpenSessions();
    const host = this.config.HOST;
    this.rtmpHost = ['0.0.0.0', '::'].includes(host) ? '127.0.0.1' : host;
    this.rtmp = new RtmpServer({
      prePublish: (s) => this.track(this.admit(s)),
      donePublish: (s) => this.publisherLeft(s),
      prePlay: (s) => {
        // Only our own ffmpeg processes may play streams off the ingest.
        const address = s.ip.replace(/:\d+$/, '');
        if (!LOOPBACK.has(address) && address !== this.rtmpHost) s.close();
      },
    });
    try {
      this.rtmpPort = await this.rtmp.listen(this.config.RTMP_PORT, host);
      this.logger.log(`RTMP ingest listening on ${host}:${this.rtmpPort}`);
    } catch (err) {
      this.logger.error(`The RTMP ingest cannot listen on ${host}:${this.config.RTMP_PORT} (${err.message}); livestreams cannot be received until the API restarts with a free RTMP_PORT.`);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Open sessions stay open in the database: the next start waits for their encoders to reconnect.
    for (const s of this.sessions.values()) {
      clearTimeout(s.graceTimer ?? undefined);
      clearInterval(s.ticker ?? undefined);
      s.publisher = null;
    }
    await this.rtmp?.close();
    await Promise.all([...this.sessions.values()].map((s) => this.stopProcesses(s)));
    for (const e of this.ended.values()) clearTimeout(e.timer);
    while (this.work.size) await Promise.allSettled([...this.work]);
  }

  /** Whether the RTMP ingest is listening. */
  get ingestAvailable(): boolean {
    return this.rtmpPort !== null;
  }

  // ---- publishers ----

  private async admit(nms: NmsSession): Promise<void> {
    const from = nms.ip.replace(/:\d+$/, '');
    const refuse = (why: string) => {
      this.logger.warn(`Refused a stream from ${from}: ${why}.`);
      nms.close();
    };
    try {
      if (nms.streamApp !== 'live') return refuse(`it was sent to "/${nms.streamApp}" instead of "/live/{stream key}"`);
      const broadcastId = await this.keys.verify(nms.streamName);
      if (!broadcastId) return refuse('the stream key is wrong, was replaced, or is used outside the time the broadcast is planned');
      const [b] = await this.ds.query(`SELECT b.status, a.visibility FROM broadcasts b LEFT JOIN activities a ON a.id = b.activity_id WHERE b.id = $1`, [broadcastId]);
      if (!canIngest(b.status)) return refuse(`broadcast ${broadcastId} is ${b.status}; only a ready (or live) broadcast can go on air`);
      if (await this.lowOnDisk()) return refuse(`less than ${this.config.LIVE_MIN_FREE_MB} MiB of disk space is free for live streams`);
      if (this.gone.has(nms)) return;

      let session = this.sessions.get(broadcastId);
      if (session?.publisher) return refuse(`broadcast ${broadcastId} is already being streamed by another encoder`);
      if (session?.state === 'ending') return refuse(`broadcast ${broadcastId} is just ending`);
      if (session) {
        clearTimeout(session.graceTimer ?? undefined);
        session.graceTimer = null;
        session.reconnects++;
        session.publisher = nms;
        this.logger.log(`Broadcast ${broadcastId}: the encoder reconnected from ${from}; the stream continues.`);
      } else {
        session = this.newSession(randomUUID(), broadcastId, isPublicBroadcast(b.visibility), new Date());
        session.publisher = nms;
        this.sessions.set(broadcastId, session);
        try {
          await this.ds.query(`INSERT INTO live_sessions (id, broadcast_id, started_at) VALUES ($1, $2, $3)`, [session.id, broadcastId, session.startedAt]);
        } catch (err) {
          clearInterval(session.ticker ?? undefined);
          this.sessions.delete(broadcastId);
          throw err;
        }
        this.logger.log(`Broadcast ${broadcastId}: receiving a stream from ${from}.`);
        // The encoder may have left meanwhile; its grace period then runs.
        if (session.publisher !== nms) return;
      }
      session.state = 'publishing';
      session.since = new Date();
      await this.startProcesses(session, nms);
    } catch (err) {
      this.logger.error(`A stream from ${from} could not be started: ${err.message}`);
      nms.close();
    }
  }

  private newSession(id: string, broadcastId: string, isPublic: boolean, startedAt: Date): Session {
    const dir = path.join(this.root, id);
    const session: Session = {
      id,
      broadcastId,
      isPublic,
      dir,
      hlsDir: path.join(dir, 'hls'),
      state: 'reconnecting',
      since: new Date(),
      startedAt,
      liveAt: null,
      reconnects: 0,
      parts: 0,
      publisher: null,
      mode: null,
      mediaPlaylist: 'index.m3u8',
      ingest: null,
      progress: null,
      restreams: null,
      bitrate: { publisher: null, bytes: 0, at: 0, kbps: null },
      graceTimer: null,
      ticker: null,
      ticks: 0,
      stopped: Promise.resolve(),
    };
    session.ticker = setInterval(() => this.tick(session), TICK_MS);
    return session;
  }

  /** Starts the ingest (HLS + recording part) and the restreams of one publish. */
  private async startProcesses(s: Session, nms: NmsSession): Promise<void> {
    await s.stopped;
    // The encoder's metadata names its codecs; it comes with the first packets.
    for (let i = 0; i < 40 && !nms.videoCodec && s.publisher === nms; i++) await new Promise((r) => setTimeout(r, 50));
    if (s.publisher !== nms) return;
    const mode = liveMode(nms.videoCodec, nms.audioCodec);
    const resume = s.mode === mode;
    if (!resume) await rm(s.hlsDir, { recursive: true, force: true });
    await mkdir(s.hlsDir, { recursive: true });
    s.restreams ??= (await this.keys.restreamTargets(s.broadcastId)).map((t) => ({ ...t, state: 'connecting', attempts: 0, lastError: null, since: new Date(), liveSince: 0, process: null, timer: null }));
    if (s.publisher !== nms) return;

    const input = `rtmp://${this.rtmpHost.includes(':') ? `[${this.rtmpHost}]` : this.rtmpHost}:${this.rtmpPort}/live/${nms.streamName}`;
    const plan = liveIngestArgs({
      input,
      mode,
      hasAudio: !!nms.audioCodec,
      hlsDir: s.hlsDir,
      recordingFile: path.join(s.dir, `part-${String(s.parts).padStart(4, '0')}.ts`),
      resume,
    });
    s.parts++;
    s.mode = mode;
    s.mediaPlaylist = plan.mediaPlaylist;
    s.ingest = new LiveProcess(plan.args, {
      secrets: [nms.streamName],
      onProgress: (p) => (s.progress = p),
      onExit: (exit) => {
        if (exit.stopped || s.publisher !== nms) return;
        // Without its ingest process nothing is shown or recorded: drop the encoder, which reconnects (OBS does).
        this.logger.error(`Broadcast ${s.broadcastId}: the live stream process stopped (${exit.message || `exit ${exit.code ?? exit.signal}`}); disconnecting the encoder so it reconnects.`);
        nms.close();
      },
    });
    for (const r of s.restreams) {
      r.attempts = 0;
      this.runRestream(s, r, input, nms);
    }
  }

  private runRestream(s: Session, r: Restream, input: string, nms: NmsSession): void {
    r.timer = null;
    if (s.publisher !== nms) return;
    r.state = r.attempts === 0 ? 'connecting' : 'retrying';
    r.process = new LiveProcess(restreamArgs(input, r.url), {
      secrets: [nms.streamName, r.url.split('/').pop()!],
      onProgress: (p) => {
        if ((p.outTimeS ?? 0) > 0 && r.state !== 'live') {
          r.state = 'live';
          r.since = new Date();
          r.liveSince = Date.now();
          r.lastError = null;
        }
      },
      onExit: (exit) => {
        r.process = null;
        if (exit.stopped || s.publisher !== nms) return;
        // A destination that worked for a minute starts its back-off afresh.
        if (r.state === 'live' && Date.now() - r.liveSince > 60_000) r.attempts = 0;
        r.attempts++;
        r.state = 'retrying';
        r.since = new Date();
        r.lastError = exit.message || `ffmpeg exited with ${exit.code ?? exit.signal}`;
        const delay = retryDelayMs(r.attempts);
        this.logger.warn(`Broadcast ${s.broadcastId}: restream to ${r.name} failed (${r.lastError}); retrying in ${delay / 1000} s.`);
        r.timer = setTimeout(() => this.runRestream(s, r, input, nms), delay);
      },
    });
  }

  private async stopProcesses(s: Session): Promise<void> {
    const ingest = s.ingest;
    s.ingest = null;
    s.progress = null;
    const stops = [ingest?.stop()];
    for (const r of s.restreams ?? []) {
      clearTimeout(r.timer ?? undefined);
      r.timer = null;
      stops.push(r.process?.stop());
      r.state = 'stopped';
      r.since = new Date();
    }
    await Promise.all(stops);
  }

  private publisherLeft(nms: NmsSession): void {
    const s = [...this.sessions.values()].find((x) => x.publisher === nms);
    if (!s) {
      this.gone.add(nms);
      return;
    }
    s.publisher = null;
    s.stopped = this.stopProcesses(s);
    this.track(s.stopped);
    if (s.state === 'ending') return;
    s.state = 'reconnecting';
    s.since = new Date();
    this.logger.log(`Broadcast ${s.broadcastId}: the encoder disconnected; waiting ${this.config.LIVE_RECONNECT_GRACE_S} s for it to come back.`);
    s.graceTimer = setTimeout(() => this.track(this.finish(s, 'publisher_left', null)), this.config.LIVE_RECONNECT_GRACE_S * 1000);
  }

  /**
   * Runs four times a second: first segment → live; bitrate (each second); a broadcast ended or cancelled by staff
   * meanwhile (every 4 s); disk space (every 10 s) and the maximum duration.
   */
  private tick(s: Session): void {
    s.ticks++;
    if (s.state !== 'publishing') return;
    const nms = s.publisher!;
    if (!s.liveAt && s.ingest) this.track(this.checkFirstSegment(s));
    if (s.ticks % 4 === 0) {
      const now = Date.now();
      const b = s.bitrate;
      if (b.publisher === nms && now > b.at) b.kbps = Math.round(((nms.inBytes - b.bytes) * 8) / (now - b.at));
      Object.assign(b, { publisher: nms, bytes: nms.inBytes, at: now });
    }
    if (s.ticks % 16 === 0) {
      this.track(
        this.ds.query(`SELECT status FROM broadcasts WHERE id = $1`, [s.broadcastId]).then(([b]) => {
          if (b && canIngest(b.status)) return;
          this.logger.warn(`Broadcast ${s.broadcastId} was moved to ${b?.status ?? 'deleted'} while streaming; stopping the stream.`);
          return this.finish(s, 'stopped', null);
        }),
      );
    }
    if (Date.now() - s.startedAt.getTime() >= this.config.LIVE_MAX_HOURS * 3600_000) {
      this.logger.warn(`Broadcast ${s.broadcastId}: stopping after the maximum of ${this.config.LIVE_MAX_HOURS} hours.`);
      this.track(this.finish(s, 'max_duration', null));
    } else if (s.ticks % 40 === 0) {
      this.track(
        this.lowOnDisk().then((low) => {
          if (!low || s.state === 'ending') return;
          this.logger.error(`Broadcast ${s.broadcastId}: stopping, less than ${this.config.LIVE_MIN_FREE_MB} MiB of disk space is left.`);
          return this.finish(s, 'disk_full', null);
        }),
      );
    }
  }

  private async checkFirstSegment(s: Session): Promise<void> {
    const text = await readFile(path.join(s.hlsDir, s.mediaPlaylist), 'utf8').catch(() => '');
    if (!listsSegment(text) || s.liveAt) return;
    s.liveAt = new Date();
    await this.ds.query(`UPDATE live_sessions SET live_at = $2 WHERE id = $1`, [s.id, s.liveAt]);
    const [b] = await this.ds.query(`SELECT status FROM broadcasts WHERE id = $1`, [s.broadcastId]);
    if (b?.status === 'ready') await this.transition(s.broadcastId, 'live', 'On air: the first live segment is out', null);
    this.logger.log(`Broadcast ${s.broadcastId} is live.`);
  }

  /** Ends a session: stops its processes, closes the playlist, ends the broadcast, and saves the recording. */
  private async finish(s: Session, reason: LiveEndReason, actorId: string | null): Promise<void> {
    if (s.state === 'ending') return;
    s.state = 'ending';
    s.since = new Date();
    clearTimeout(s.graceTimer ?? undefined);
    clearInterval(s.ticker ?? undefined);
    const publisher = s.publisher;
    s.publisher = null;
    publisher?.close();
    await s.stopped;
    await this.stopProcesses(s);
    for (const f of await readdir(s.hlsDir).catch(() => [] as string[])) {
      if (!f.endsWith('.m3u8') || (f === 'index.m3u8' && s.mode === 'ladder')) continue;
      const file = path.join(s.hlsDir, f);
      if (!(await readFile(file, 'utf8')).includes('#EXT-X-ENDLIST')) await appendFile(file, '#EXT-X-ENDLIST\n');
    }
    await this.ds.query(`UPDATE live_sessions SET ended_at = now(), end_reason = $2, stopped_by = $3, reconnects = $4 WHERE id = $1`, [s.id, reason, actorId, s.reconnects]);
    this.sessions.delete(s.broadcastId);
    clearTimeout(this.ended.get(s.broadcastId)?.timer);
    // The recording's parts are removed once it is saved; without a recording the whole folder goes.
    const timer = setTimeout(() => {
      this.ended.delete(s.broadcastId);
      this.track(rm(s.liveAt ? s.hlsDir : s.dir, { recursive: true, force: true }).then(() => rmdir(s.dir).catch(() => undefined)));
    }, KEEP_ENDED_MS);
    this.ended.set(s.broadcastId, { hlsDir: s.hlsDir, isPublic: s.isPublic, timer });
    this.logger.log(`Broadcast ${s.broadcastId}: the stream ended (${reason}).`);
    if (!s.liveAt) return;
    const [b] = await this.ds.query(`SELECT status FROM broadcasts WHERE id = $1`, [s.broadcastId]);
    if (b?.status === 'live') await this.transition(s.broadcastId, 'ended', ENDED_NOTES[reason], actorId);
    this.track(
      this.recordings.save({ sessionId: s.id, broadcastId: s.broadcastId, dir: s.dir, startedAt: s.startedAt }).catch((err) => {
        this.logger.error(`Broadcast ${s.broadcastId}: the recording could not be saved (${err.message}); its parts stay in ${s.dir}.`);
      }),
    );
  }

  private async transition(id: string, to: BroadcastStatus, note: string, actorId: string | null): Promise<void> {
    try {
      await this.broadcasts.transition(id, to, note, actorId);
    } catch (err) {
      this.logger.error(`Broadcast ${id} could not be moved to ${to}: ${err.message}`);
    }
  }

  /** Sessions left open by a previous run wait for their encoder as after a disconnect. */
  private async adoptOpenSessions(): Promise<void> {
    const rows: { id: string; broadcastId: string; startedAt: Date; liveAt: Date | null; reconnects: number; visibility: string | null }[] = await this.ds.query(
      `SELECT s.id, s.broadcast_id AS "broadcastId", s.started_at AS "startedAt", s.live_at AS "liveAt", s.reconnects, a.visibility
         FROM live_sessions s JOIN broadcasts b ON b.id = s.broadcast_id LEFT JOIN activities a ON a.id = b.activity_id WHERE s.ended_at IS NULL`,
    );
    for (const row of rows) {
      const s = this.newSession(row.id, row.broadcastId, isPublicBroadcast(row.visibility), row.startedAt);
      s.liveAt = row.liveAt;
      s.reconnects = row.reconnects;
      s.parts = (await readdir(s.dir).catch(() => [] as string[])).filter((f) => /^part-\d+\.ts$/.test(f)).length;
      this.sessions.set(row.broadcastId, s);
      s.graceTimer = setTimeout(() => this.track(this.finish(s, 'interrupted', null)), this.config.LIVE_RECONNECT_GRACE_S * 1000);
    }
  }

  private async lowOnDisk(): Promise<boolean> {
    const fs = await statfs(this.root);
    return fs.bavail * fs.bsize < this.config.LIVE_MIN_FREE_MB * 1024 * 1024;
  }

  private track<T>(promise: Promise<T>): void {
    this.work.add(promise);
    void promise.catch((err) => this.logger.error(err.message)).finally(() => this.work.delete(promise));
  }

  // ---- control room ----

  async status(broadcastId: string): Promise<LiveStatusDto> {
    const [b] = await this.ds.query(`SELECT status FROM broadcasts WHERE id = $1`, [broadcastId]);
    if (!b) throw new NotFoundException('No broadcast with this id.');
    const [last] = await this.ds.query(
      `SELECT id, started_at AS "startedAt", live_at AS "liveAt", ended_at AS "endedAt", end_reason AS "endReason", reconnects,
              recording_asset_id AS "recordingAssetId", episode_id AS "episodeId"
         FROM live_sessions WHERE broadcast_id = $1 ORDER BY started_at DESC LIMIT 1`,
      [broadcastId],
    );
    const s = this.sessions.get(broadcastId);
    const nms = s?.publisher;
    return {
      broadcastId,
      broadcastStatus: b.status,
      ingestAvailable: this.ingestAvailable,
      ingest: s
        ? {
            state: s.state,
            since: s.since,
            sessionId: s.id,
            startedAt: s.startedAt,
            liveAt: s.liveAt,
            reconnects: s.reconnects,
            reconnectDeadline: s.state === 'reconnecting' ? new Date(s.since.getTime() + this.config.LIVE_RECONNECT_GRACE_S * 1000) : null,
            stopsAt: new Date(s.startedAt.getTime() + this.config.LIVE_MAX_HOURS * 3600_000),
            mode: s.mode,
            videoCodec: nms?.videoCodec ? String(nms.videoCodec) : null,
            audioCodec: nms?.audioCodec ? String(nms.audioCodec) : null,
            width: nms?.videoWidth || null,
            height: nms?.videoHeight || null,
            bitrateKbps: nms ? s.bitrate.kbps : null,
            fps: s.progress?.fps ?? null,
            droppedFrames: s.progress?.droppedFrames ?? null,
          }
        : { state: 'offline', since: last?.endedAt ?? null, sessionId: null, startedAt: null, liveAt: null, reconnects: 0, reconnectDeadline: null, stopsAt: null, mode: null, videoCodec: null, audioCodec: null, width: null, height: null, bitrateKbps: null, fps: null, droppedFrames: null },
      viewers: this.viewerCount(broadcastId),
      playlist: s?.liveAt || this.ended.has(broadcastId) ? this.playlistUrl(broadcastId) : null,
      restreams: (s?.restreams ?? []).map((r) => ({ name: r.name, state: r.state, attempts: r.attempts, lastError: r.lastError, since: r.since })),
      lastSession: last && last.endedAt ? last : null,
    };
  }

  async stop(broadcastId: string, actorId: string): Promise<LiveStatusDto> {
    const s = this.sessions.get(broadcastId);
    if (!s || s.state === 'ending') {
      await this.status(broadcastId);
      throw new ConflictException('Nothing is being streamed for this broadcast right now.');
    }
    await this.finish(s, 'stopped', actorId);
    return this.status(broadcastId);
  }

  // ---- live HLS ----

  playlistUrl(broadcastId: string): string {
    return `/api/live/${broadcastId}/index.m3u8`;
  }

  /**
   * The path of a live playlist or segment. Streams of broadcasts that are not public are only shown to staff
   * (a bearer token, as the dashboard's player sends).
   */
  async hlsFile(broadcastId: string, file: string, authorization: string | undefined): Promise<string> {
    const where = this.sessions.get(broadcastId) ?? this.ended.get(broadcastId);
    const notLive = () => new NotFoundException('This broadcast is not live.');
    if (!where || !HLS_FILE.test(file)) throw notLive();
    if (!where.isPublic && !(await this.isStaff(authorization))) throw notLive();
    const full = path.join(where.hlsDir, file);
    const found = await stat(full).catch(() => null);
    if (!found?.isFile()) throw new NotFoundException('This part of the stream is not (or no longer) available.');
    return full;
  }

  /** Counts a playlist fetch; a viewer is known only by a keyed hash of address and browser, kept 30 seconds. */
  countViewer(broadcastId: string, address: string, userAgent: string): void {
    const seen = this.viewers.get(broadcastId) ?? new Map<string, number>();
    this.viewers.set(broadcastId, seen);
    seen.set(createHmac('sha256', this.viewerKey).update(`${address}\n${userAgent}`).digest('base64url').slice(0, 22), Date.now());
  }

  viewerCount(broadcastId: string): number {
    const seen = this.viewers.get(broadcastId);
    if (!seen) return 0;
    const since = Date.now() - VIEWER_WINDOW_MS;
    for (const [viewer, at] of seen) if (at < since) seen.delete(viewer);
    if (!seen.size) this.viewers.delete(broadcastId);
    return seen.size;
  }

  private async isStaff(authorization: string | undefined): Promise<boolean> {
    if (!authorization?.startsWith('Bearer ')) return false;
    return this.jwt.verifyAsync(authorization.slice(7)).then(
      () => true,
      () => false,
    );
  }
}
