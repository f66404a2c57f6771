/** One server-sent event. */
export interface ServerEvent {
  event: string;
  data: string;
}

/**
 * Splits received text into complete server-sent events (blocks ending in a blank line) and the unfinished rest.
 * Comment lines (": still here") are skipped; several data lines are joined with a newline.
 */
export function parseEvents(text: string): { events: ServerEvent[]; rest: string } {
  const blocks = text.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: ServerEvent[] = [];
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

/**
 * Reads an event stream with a bearer token (EventSource cannot send one) until the server ends it or `signal`
 * aborts. Rejects when the stream cannot be opened.
 */
export async function readEvents(url: string, token: string, onEvent: (e: ServerEvent) => void, signal: AbortSignal): Promise<void> {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' }, signal, cache: 'no-store' });
  if (!res.ok || !res.body) throw new Error(`The event stream answered ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const parsed = parseEvents(buffer + value);
    buffer = parsed.rest;
    parsed.events.forEach(onEvent);
  }
}
