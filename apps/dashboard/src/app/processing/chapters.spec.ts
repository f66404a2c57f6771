import { checkChapters, formatTime, parseTime } from './chapters';

describe('parseTime', () => {
  it.each([
    ['0', 0],
    ['90', 90],
    ['1:30', 90],
    ['01:30', 90],
    ['1:02:03', 3723],
    ['1:30.5', 90.5],
    ['1:30,5', 90.5],
    [' 2:00 ', 120],
    ['1:75', null],
    ['1:2:3:4', null],
    ['abc', null],
    ['-5', null],
    ['', null],
  ])('%j → %j', (text, seconds) => expect(parseTime(text)).toBe(seconds));
});

describe('formatTime', () => {
  it.each([
    [0, '0:00'],
    [90, '1:30'],
    [90.5, '1:30.5'],
    [3723, '1:02:03'],
  ])('%d → %s', (s, text) => expect(formatTime(s)).toBe(text));

  it('reads back what it writes', () => {
    for (const s of [0, 1.25, 59, 61, 3599.5, 7322]) expect(parseTime(formatTime(s))).toBe(s);
  });
});

describe('checkChapters', () => {
  it('sends the chapters sorted by time, titles trimmed', () => {
    const r = checkChapters([{ time: '2:00', title: ' Verlengen ' }, { time: '0:00', title: 'Inloggen' }], 300);
    expect(r.errors).toEqual([{}, {}]);
    expect(r.chapters).toEqual([
      { start: 0, title: 'Inloggen' },
      { start: 120, title: 'Verlengen' },
    ]);
  });

  it('says per row what is wrong, and sends nothing', () => {
    const r = checkChapters(
      [
        { time: '', title: 'Zonder tijd' },
        { time: '1;30', title: 'Rare tijd' },
        { time: '5:00', title: 'Na het einde' },
        { time: '0:10', title: 'Eerste' },
        { time: '10', title: 'Dubbel' },
        { time: '0:20', title: '   ' },
        { time: '0:30', title: 'x'.repeat(201) },
      ],
      300,
    );
    expect(r.chapters).toBeNull();
    expect(r.errors).toEqual([
      { time: 'chapters.timeRequired' },
      { time: 'chapters.timeInvalid' },
      { time: 'chapters.timeOutside' },
      {},
      { time: 'chapters.timeTwice' },
      { title: 'chapters.titleRequired' },
      { title: 'chapters.titleLong' },
    ]);
  });

  it('allows no chapters at all (removes them)', () => {
    expect(checkChapters([], 60)).toEqual({ errors: [], chapters: [] });
  });
});
