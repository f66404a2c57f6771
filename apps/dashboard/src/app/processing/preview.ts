import { afterRenderEffect, ChangeDetectionStrategy, Component, ElementRef, inject, input, signal, untracked, viewChild } from '@angular/core';
import type Hls from 'hls.js';
import { AuthService } from '../auth/auth.service';
import { TranslatePipe } from '../i18n/i18n';

/**
 * A staff preview of a recording's HLS stream with the browser's own controls. Staff files need the bearer token,
 * which hls.js adds to each request; the patron player in the portal plays public files only.
 */
@Component({
  selector: 'app-media-preview',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <video #video controls playsinline preload="metadata" [attr.aria-label]="label()"></video>
    @if (failed()) { <p class="alert" role="alert">{{ 'preview.failed' | t }}</p> }
  `,
  styles: `
    :host { display: block; }
    video { width: 100%; max-height: 60vh; background: #000; border-radius: 6px; display: block; }
  `,
})
export class MediaPreview {
  readonly src = input.required<string>();
  readonly label = input.required<string>();
  private readonly auth = inject(AuthService);
  private readonly videoRef = viewChild.required<ElementRef<HTMLVideoElement>>('video');
  protected readonly failed = signal(false);

  /** Where playback is now, in seconds (for "use this frame as the poster"). */
  currentTime(): number {
    return this.videoRef().nativeElement.currentTime;
  }

  constructor() {
    afterRenderEffect((onCleanup) => {
      const src = this.src();
      const video = this.videoRef().nativeElement;
      let hls: Hls | null = null;
      let stopped = false;
      void untracked(async () => {
        hls = await this.attach(video, src);
        if (stopped) hls?.destroy();
      });
      onCleanup(() => {
        stopped = true;
        hls?.destroy();
      });
    });
  }

  private async attach(video: HTMLVideoElement, src: string): Promise<Hls | null> {
    this.failed.set(false);
    const { default: HlsJs } = await import('hls.js');
    if (!HlsJs.isSupported()) {
      this.failed.set(true);
      return null;
    }
    const token = this.auth.token();
    const hls = new HlsJs({
      xhrSetup: (xhr, url) => {
        xhr.open('GET', url, true);
        if (token && new URL(url, location.href).origin === location.origin) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      },
    });
    hls.on(HlsJs.Events.ERROR, (_e, data) => data.fatal && this.failed.set(true));
    hls.loadSource(src);
    hls.attachMedia(video);
    return hls;
  }
}
