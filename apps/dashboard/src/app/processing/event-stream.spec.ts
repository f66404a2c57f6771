import { parseEvents } from './event-stream';

describe('parseEvents', () => {
  it('splits complete events and keeps the unfinished rest for the next chunk', () => {
    const first = parseEvents('event: progress\ndata: {"percent":1}\n\nevent: progress\ndata: {"perc');
    expect(first.events).toEqual([{ event: 'progress', data: '{"percent":1}' }]);
    const second = parseEvents(first.rest + 'ent":2}\n\n');
    expect(second.events).toEqual([{ event: 'progress', data: '{"percent":2}' }]);
    expect(second.rest).toBe('');
  });

  it('skips keep-alive comments, joins data lines and reads CRLF', () => {
    const r = parseEvents(': still here\n\ndata: a\r\ndata: b\r\n\r\nevent:x\ndata:c\n\n');
    expect(r.events).toEqual([
      { event: 'message', data: 'a\nb' },
      { event: 'x', data: 'c' },
    ]);
  });
});
