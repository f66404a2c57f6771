import { activeIndex, clock, WatchTimer } from './timeline';

describe('activeIndex (which transcript line or chapter is playing)', () => {
  const lines = [{ startS: 0.5 }, { startS: 4 }, { startS: 9.5 }, { startS: 15 }];
  it.each([
    [0, -1],
    [0.5, 0],
    [3.99, 1], // a seek to a line's start may land a hair before it
    [4, 1],
    [9.49, 2],
    [14.9, 2],
    [15, 3],
    [999, 3],
  ])('at %d s → line %d', (t, index) => {
    expect(activeIndex(lines, t)).toBe(index);
  });

  it('is -1 without lines', () => {
    expect(activeIndex([], 12)).toBe(-1);
  });

  it('agrees with a linear scan on a long transcript', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ startS: i * 2.5 }));
    for (const t of [0, 1, 2.5, 1234.5, 2497.4, 5000]) {
      const linear = many.reduce((found, l, i) => (l.startS <= t + 0.05 ? i : found), -1);
      expect(activeIndex(many, t)).toBe(linear);
    }
  });
});

describe('clock', () => {
  it.each([
    [0, '0:00'],
    [5.9, '0:05'],
    [83.4, '1:23'],
    [600, '10:00'],
    [3725, '1:02:05'],
    [NaN, '0:00'],
    [Infinity, '0:00'],
    [-3, '0:00'],
  ])('%d s → %s', (s, text) => {
    expect(clock(s)).toBe(text);
  });
});

describe('WatchTimer', () => {
  it('counts the time between position reports while playing, not seeks or pauses', () => {
    const w = new WatchTimer();
    [0, 0.25, 0.5, 0.75, 1].forEach((t) => w.tick(t)); // 1 s played
    w.tick(30); // seek forward: not watched
    w.tick(30.5);
    w.tick(10); // seek back: not watched
    w.tick(11);
    w.interrupt(); // paused
    w.tick(20);
    w.tick(20.5);
    expect(w.seconds).toBeCloseTo(3);
  });

  it('hands over the total once and starts again', () => {
    const w = new WatchTimer();
    w.tick(0);
    w.tick(2);
    expect(w.take()).toBe(2);
    expect(w.take()).toBe(0);
    w.tick(4);
    expect(w.seconds).toBe(2);
  });
});
