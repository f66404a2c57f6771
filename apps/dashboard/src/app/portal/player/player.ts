import { httpResource } from '@angular/common/http';
import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import type Hls from 'hls.js';
import { I18n, TranslatePipe } from '../../i18n/i18n';
import { MessageKey } from '../../i18n/messages';
import { Chapter, TimedText } from '../portal.api';
import { CaptionTrackInfo, preferredTrack, saveCaptions, savedCaptions } from './captions';
import { keyTarget, PlayerAction, playerKey } from './keys';
import { activeIndex, clock, WatchTimer } from './timeline';
import { cueText, StoryboardTile, storyboardTiles } from './vtt';

export const SKIP_S = 10;
export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2];
let nextId = 0;

/**
 * The video player of the portal: HLS through hls.js (native HLS where there is no Media Source, as on iPhones),
 * captions (the subtitle tracks of the master playlist, in either case), a transcript to read along and jump from, chapters, speed, scrubber previews, keyboard shortcuts.
 * Never starts by itself. Reports one anonymous view (seconds watched, length) when the patron is done.
 */
@Component({
  selector: 'portal-player',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './player.html',
  styleUrl: './player.css',
})
export class Player {
  readonly src = input.required<string>();
  readonly title = input.required<string>();
  readonly poster = input<string | null>(null);
  /** WebVTT of the scrubber previews. */
  readonly storyboard = input<string | null>(null);
  /** The published transcript; without one the lines of the caption track are used. */
  readonly transcript = input<TimedText[]>([]);
  readonly chapters = input<Chapter[]>([]);
  /** Language of the video, to pick captions in it when there are none in the patron's language. */
  readonly language = input('nl');
  readonly live = input(false);
  /** Where to report a view; null reports nothing. */
  readonly viewsUrl = input<string | null>(null);
  /** Only the player itself (for iframes): no transcript, chapters or keyboard help below it. */
  readonly compact = input(false);

  private readonly i18n = inject(I18n);
  private readonly videoRef = viewChild.required<ElementRef<HTMLVideoElement>>('video');
  private readonly rootRef = viewChild.required<ElementRef<HTMLElement>>('root');
  private readonly linesRef = viewChild<ElementRef<HTMLElement>>('lineList');

  protected readonly id = `player-${nextId++}`;
  protected readonly speeds = SPEEDS;
  protected readonly skipS = SKIP_S;
  protected readonly clock = clock;
  protected readonly playing = signal(false);
  protected readonly time = signal(0);
  protected readonly duration = signal(0);
  protected readonly muted = signal(false);
  protected readonly rate = signal(1);
  protected readonly fullscreen = signal(false);
  protected readonly failure = signal<MessageKey | null>(null);
  protected readonly tracks = signal<CaptionTrackInfo[]>([]);
  protected readonly trackIndex = signal(-1);
  protected readonly captionsOn = signal(savedCaptions().on);
  protected readonly announcement = signal('');
  protected readonly preview = signal<{ left: number; time: number; tile: StoryboardTile | null } | null>(null);
  private readonly cueLines = signal<TimedText[]>([]);

  protected readonly lines = computed(() => (this.transcript().length ? this.transcript() : this.cueLines()));
  protected readonly currentLine = computed(() => activeIndex(this.lines(), this.time()));
  protected readonly currentChapter = computed(() => activeIndex(this.chapters(), this.time()));
  private readonly storyboardVtt = httpResource.text(() => (this.live() ? undefined : (this.storyboard() ?? undefined)));
  private readonly tiles = computed(() => {
    const url = this.storyboard();
    return url && this.storyboardVtt.hasValue() ? storyboardTiles(this.storyboardVtt.value(), new URL(url, document.baseURI).href) : [];
  });

  private readonly watched = new WatchTimer();

  constructor() {
    afterRenderEffect((onCleanup) => {
      const src = this.src();
      const video = this.videoRef().nativeElement;
      let hls: Hls | null = null;
      let cancelled = false;
      void untracked(async () => {
        hls = await this.attach(video, src);
        if (cancelled) hls?.destroy();
      });
      onCleanup(() => {
        cancelled = true;
        this.sendView();
        hls?.destroy();
        video.removeAttribute('src');
        video.load();
      });
    });
    afterRenderEffect(() => this.followTranscript(this.currentLine()));

    const destroyRef = inject(DestroyRef);
    const onTracks = () => this.syncTracks();
    const onFullscreen = () => this.fullscreen.set(document.fullscreenElement === this.rootRef().nativeElement);
    const onHide = () => document.visibilityState === 'hidden' && this.sendView();
    const onPageHide = () => this.sendView();
    let textTracks: TextTrackList | null = null;
    afterRenderEffect(() => {
      if (textTracks) return;
      textTracks = this.videoRef().nativeElement.textTracks;
      textTracks.addEventListener('addtrack', onTracks);
      textTracks.addEventListener('removetrack', onTracks);
      untracked(() => this.syncTracks());
    });
    document.addEventListener('fullscreenchange', onFullscreen);
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    destroyRef.onDestroy(() => {
      textTracks?.removeEventListener('addtrack', onTracks);
      textTracks?.removeEventListener('removetrack', onTracks);
      document.removeEventListener('fullscreenchange', onFullscreen);
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
    });
  }

  private get video(): HTMLVideoElement {
    return this.videoRef().nativeElement;
  }

  /** hls.js where Media Source exists (loaded only then), else the browser's own HLS (Safari on iPhone). */
  private async attach(video: HTMLVideoElement, src: string): Promise<Hls | null> {
    this.failure.set(null);
    const w = window as Window & { MediaSource?: unknown; ManagedMediaSource?: unknown };
    if (w.MediaSource || w.ManagedMediaSource) {
      const { default: HlsJs } = await import('hls.js');
      if (HlsJs.isSupported()) {
        const hls = new HlsJs({ capLevelToPlayerSize: true });
        let recovered = false;
        hls.on(HlsJs.Events.ERROR, (_event, data) => {
          if (!data.fatal) return;
          if (data.type === HlsJs.ErrorTypes.MEDIA_ERROR && !recovered) {
            recovered = true;
            hls.recoverMediaError();
            return;
          }
          hls.destroy();
          this.failure.set('portal.player.failed');
        });
        hls.subtitleDisplay = false;
        hls.loadSource(src);
        hls.attachMedia(video);
        return hls;
      }
    }
    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = src;
      return null;
    }
    this.failure.set('portal.player.unsupported');
    return null;
  }

  // ---- media events ----

  protected onPlay(): void {
    this.playing.set(true);
    this.failure.set(null);
  }

  protected onPause(): void {
    this.playing.set(false);
    this.watched.interrupt();
  }

  protected onEnded(): void {
    this.playing.set(false);
    this.sendView();
  }

  protected onTimeUpdate(): void {
    const v = this.video;
    this.time.set(v.currentTime);
    if (!v.paused && !v.seeking) this.watched.tick(v.currentTime);
    this.readCues();
  }

  protected onSeeking(): void {
    this.watched.interrupt();
    this.time.set(this.video.currentTime);
  }

  protected onDuration(): void {
    const d = this.video.duration;
    this.duration.set(Number.isFinite(d) ? d : 0);
  }

  protected onVolume(): void {
    this.muted.set(this.video.muted);
  }

  protected onRate(): void {
    this.rate.set(this.video.playbackRate);
  }

  protected onError(): void {
    if (this.video.error && this.video.src && !this.video.src.startsWith('blob:')) this.failure.set('portal.player.failed');
  }

  // ---- controls ----

  toggle(): void {
    if (this.video.paused || this.video.ended) this.video.play()?.catch(() => undefined);
    else this.video.pause();
  }

  seek(toS: number): void {
    const end = this.duration();
    const t = Math.max(0, end ? Math.min(toS, end) : toS);
    if (!Number.isFinite(t)) return;
    this.video.currentTime = t;
    this.time.set(t);
  }

  skip(byS: number): void {
    this.seek(this.video.currentTime + byS);
  }

  toggleMute(): void {
    this.video.muted = !this.video.muted;
    this.muted.set(this.video.muted);
  }

  setRate(rate: number): void {
    this.video.playbackRate = rate;
    this.rate.set(rate);
  }

  toggleCaptions(): void {
    this.captionsOn.update((on) => !on);
    this.applyTracks();
  }

  chooseTrack(index: number): void {
    this.trackIndex.set(index);
    this.applyTracks();
  }

  toggleFullscreen(): void {
    const root = this.rootRef().nativeElement;
    if (document.fullscreenElement) {
      void document.exitFullscreen();
    } else if (root.requestFullscreen) {
      root.requestFullscreen().catch(() => undefined);
    } else {
      (this.video as HTMLVideoElement & { webkitEnterFullscreen?: () => void }).webkitEnterFullscreen?.();
    }
  }

  protected onKey(e: KeyboardEvent): void {
    const action = playerKey(e, keyTarget(e.target));
    if (!action || (this.live() && ['back', 'forward', 'start', 'end'].includes(action))) return;
    e.preventDefault();
    this.act(action);
  }

  private act(action: PlayerAction): void {
    const say = (key: MessageKey, params?: Record<string, string>) => this.announcement.set(this.i18n.t(key, params));
    switch (action) {
      case 'toggle':
        this.toggle();
        return say(this.video.paused ? 'portal.player.paused' : 'portal.player.playing');
      case 'back':
      case 'forward':
      case 'start':
      case 'end': {
        if (action === 'start') this.seek(0);
        else if (action === 'end') this.seek(this.duration());
        else this.skip(action === 'back' ? -SKIP_S : SKIP_S);
        return say('portal.player.at', { time: this.spoken(this.time()) });
      }
      case 'captions':
        if (!this.tracks().length) return;
        this.toggleCaptions();
        return say(this.captionsOn() ? 'portal.player.captionsOn' : 'portal.player.captionsOff');
      case 'mute':
        this.toggleMute();
        return say(this.muted() ? 'portal.player.muted' : 'portal.player.unmuted');
      case 'fullscreen':
        return this.toggleFullscreen();
    }
  }

  // ---- scrubber ----

  protected onScrub(e: Event): void {
    this.seek((e.target as HTMLInputElement).valueAsNumber);
  }

  protected showPreview(e: PointerEvent): void {
    const d = this.duration();
    if (!d) return;
    const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const share = Math.min(1, Math.max(0, (e.clientX - rect.left) / rect.width));
    const t = share * d;
    const tiles = this.tiles();
    const i = activeIndex(tiles, t);
    this.preview.set({ left: share * 100, time: t, tile: i >= 0 ? tiles[i] : null });
  }

  protected spoken(totalS: number): string {
    const s = Math.max(0, Math.floor(totalS || 0));
    return this.i18n.t('portal.player.spoken', { m: Math.floor(s / 60), s: s % 60 });
  }

  // ---- captions and transcript ----

  private captionTracks(): TextTrack[] {
    return Array.from(this.video.textTracks).filter((t) => t.kind === 'subtitles' || t.kind === 'captions');
  }

  private syncTracks(): void {
    const infos = this.captionTracks().map((t) => ({ label: t.label || t.language, language: t.language }));
    this.tracks.set(infos);
    const index = this.trackIndex();
    if (index < 0 || index >= infos.length) this.trackIndex.set(preferredTrack(infos, [savedCaptions().language, this.i18n.lang(), this.language()]));
    this.applyTracks();
  }

  /** The chosen track shows when captions are on; it stays loaded (hidden) when the transcript is read from it. */
  private applyTracks(): void {
    const tracks = this.captionTracks();
    const chosen = this.trackIndex();
    const keepLoaded = !this.transcript().length;
    tracks.forEach((t, i) => {
      const mode: TextTrackMode = i !== chosen ? 'disabled' : this.captionsOn() ? 'showing' : keepLoaded ? 'hidden' : 'disabled';
      if (t.mode !== mode) t.mode = mode;
    });
    if (tracks[chosen]) saveCaptions({ on: this.captionsOn(), language: tracks[chosen].language || null });
    this.cueLines.set([]);
    this.readCues();
  }

  private readCues(): void {
    if (this.transcript().length) return;
    const cues = this.captionTracks()[this.trackIndex()]?.cues;
    if (!cues || cues.length === this.cueLines().length) return;
    const lines = Array.from(cues, (c) => ({ startS: c.startTime, text: cueText((c as VTTCue).text ?? '') })).filter((l) => l.text);
    this.cueLines.set(lines.sort((a, b) => a.startS - b.startS));
  }

  /** Keeps the current line in view inside the transcript box, unless the patron is moving around in it. */
  private followTranscript(index: number): void {
    const box = this.linesRef()?.nativeElement;
    const line = box?.children[index] as HTMLElement | undefined;
    if (!box || !line || box.contains(document.activeElement) || box.matches(':hover')) return;
    const top = line.offsetTop - box.offsetTop;
    if (top < box.scrollTop || top + line.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }

  // ---- view statistics ----

  /** One anonymous view: seconds watched and the length. No cookie, nothing about the patron. */
  private sendView(): void {
    const url = this.viewsUrl();
    const watchedS = this.watched.take();
    const durationS = this.duration();
    if (!url || this.live() || watchedS < 1 || !(durationS >= 0.1)) return;
    const body = JSON.stringify({ watchedSeconds: Math.min(Math.round(watchedS * 10) / 10, 86_400), durationSeconds: Math.min(durationS, 86_400) });
    const sent = navigator.sendBeacon?.(url, new Blob([body], { type: 'application/json' }));
    if (!sent) void fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'application/json' }, keepalive: true }).catch(() => undefined);
  }
}
