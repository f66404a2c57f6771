/**
 * For component tests: jsdom neither plays media nor implements TextTrackList events. This stands in for the few
 * media element members the player uses; `restore()` puts jsdom's own back.
 */
export interface FakeTrack {
  kind: string;
  label: string;
  language: string;
  mode: TextTrackMode;
  cues: { startTime: number; endTime: number; text: string }[];
}

export class FakeTextTracks extends EventTarget {
  readonly items: FakeTrack[] = [];

  get length(): number {
    return this.items.length;
  }

  [Symbol.iterator](): Iterator<FakeTrack> {
    return this.items[Symbol.iterator]();
  }

  add(track: Omit<FakeTrack, 'mode'>): FakeTrack {
    const added = { mode: 'disabled' as TextTrackMode, ...track };
    this.items.push(added);
    this.dispatchEvent(new Event('addtrack'));
    return added;
  }
}

export interface FakeMedia {
  tracks(video: HTMLVideoElement): FakeTextTracks;
  plays: number;
  restore(): void;
}

export function installFakeMedia(): FakeMedia {
  const proto = HTMLMediaElement.prototype;
  const names = ['textTracks', 'paused', 'play', 'pause', 'load'] as const;
  const saved = names.map((n) => [n, Object.getOwnPropertyDescriptor(proto, n)] as const);
  const lists = new WeakMap<HTMLMediaElement, FakeTextTracks>();
  const paused = new WeakMap<HTMLMediaElement, boolean>();
  const list = (el: HTMLMediaElement) => lists.get(el) ?? (lists.set(el, new FakeTextTracks()), lists.get(el)!);
  const media: FakeMedia = {
    tracks: (video) => list(video),
    plays: 0,
    restore: () => saved.forEach(([n, d]) => d && Object.defineProperty(proto, n, d)),
  };
  Object.defineProperty(proto, 'textTracks', { configurable: true, get(this: HTMLMediaElement) { return list(this); } });
  Object.defineProperty(proto, 'paused', { configurable: true, get(this: HTMLMediaElement) { return paused.get(this) ?? true; } });
  Object.defineProperty(proto, 'play', {
    configurable: true,
    value(this: HTMLMediaElement) {
      media.plays++;
      paused.set(this, false);
      this.dispatchEvent(new Event('play'));
      return Promise.resolve();
    },
  });
  Object.defineProperty(proto, 'pause', {
    configurable: true,
    value(this: HTMLMediaElement) {
      paused.set(this, true);
      this.dispatchEvent(new Event('pause'));
    },
  });
  Object.defineProperty(proto, 'load', { configurable: true, value: () => undefined });
  return media;
}
