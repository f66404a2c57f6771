import { formatBytes, formatClock, percentOf, TransferMeter } from './transfer';

describe('TransferMeter', () => {
  it('measures speed over the last seconds and tells the time left', () => {
    const m = new TransferMeter(5000);
    expect(m.speed()).toBeNull();
    m.add(0, 0);
    m.add(1_000_000, 400);
    expect(m.speed()).toBeNull(); // under half a second: no guess yet
    m.add(2_000_000, 1000);
    expect(m.speed()).toBe(2_000_000);
    expect(m.secondsLeft(10_000_000)).toBe(4);
  });

  it.each([
    ['a steady 1 MB/s', [[0, 0], [1000, 1e6], [2000, 2e6], [3000, 3e6]], 1e6, 17],
    ['slowing down: only the last 5 s count', [[0, 0], [1000, 10e6], [6000, 11e6], [11000, 12e6]], 0.2e6, 40],
    ['stalled', [[0, 5e6], [2000, 5e6]], 0, null],
  ] as const)('%s', (_, samples, speed, left) => {
    const m = new TransferMeter(5000);
    for (const [at, bytes] of samples) m.add(bytes, at);
    expect(m.speed()).toBeCloseTo(speed);
    expect(m.secondsLeft(20e6)).toBe(left);
  });

  it('starts over when the count goes back (a restarted upload), so old bytes are no speed', () => {
    const m = new TransferMeter();
    m.add(5e6, 0);
    m.add(6e6, 1000);
    m.add(2e6, 1500);
    expect(m.speed()).toBeNull();
    m.add(3e6, 2500);
    expect(m.speed()).toBe(1e6);
  });
});

describe('percentOf', () => {
  it.each([
    [0, 100, 0],
    [43, 100, 43],
    [999, 1000, 99],
    [1000, 1000, 100],
    [5, 0, 0],
  ])('%d of %d is %d%%', (done, total, pct) => expect(percentOf(done, total)).toBe(pct));
});

describe('formatBytes and formatClock', () => {
  it.each([
    [512, 'nl-NL', '512 B'],
    [1_500_000, 'nl-NL', '1,5 MB'],
    [1_500_000, 'en-GB', '1.5 MB'],
    [250_000_000, 'nl-NL', '250 MB'],
    [2_100_000_000, 'en-GB', '2.1 GB'],
  ])('%d bytes in %s is %s', (bytes, locale, text) => expect(formatBytes(bytes, locale)).toBe(text));

  it.each([
    [0, '0:00'],
    [65, '1:05'],
    [3600 + 5 * 60 + 9, '1:05:09'],
    [59.6, '1:00'],
  ])('%d s is %s', (s, text) => expect(formatClock(s)).toBe(text));
});
