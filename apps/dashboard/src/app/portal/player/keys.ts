export type PlayerAction = 'toggle' | 'back' | 'forward' | 'captions' | 'mute' | 'fullscreen' | 'start' | 'end';

/** What has the focus inside the player: a button, the position slider, another form field, or anything else. */
export type KeyTarget = 'button' | 'slider' | 'field' | 'other';

export function keyTarget(el: EventTarget | null): KeyTarget {
  if (!(el instanceof HTMLElement)) return 'other';
  if (el instanceof HTMLInputElement) return el.type === 'range' ? 'slider' : 'field';
  if (el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement || el.isContentEditable) return 'field';
  if (el instanceof HTMLButtonElement || el instanceof HTMLAnchorElement || el.tagName === 'SUMMARY') return 'button';
  return 'other';
}

/**
 * The player's keyboard shortcuts, active while the focus is inside the player (WCAG 2.1.4). Keys keep their usual
 * meaning where they have one: Space and Enter press a focused button, a select or text field gets every key, and
 * the slider keeps Home, End and Page Up/Down (they move it, which seeks).
 */
export function playerKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>, target: KeyTarget): PlayerAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || target === 'field') return null;
  switch (e.key) {
    case ' ':
      return target === 'button' ? null : 'toggle';
    case 'k':
    case 'K':
      return 'toggle';
    case 'ArrowLeft':
      return 'back';
    case 'ArrowRight':
      return 'forward';
    case 'ArrowDown':
      return target === 'slider' ? 'back' : null;
    case 'ArrowUp':
      return target === 'slider' ? 'forward' : null;
    case 'c':
    case 'C':
      return 'captions';
    case 'm':
    case 'M':
      return 'mute';
    case 'f':
    case 'F':
      return 'fullscreen';
    case 'Home':
      return target === 'slider' ? null : 'start';
    case 'End':
      return target === 'slider' ? null : 'end';
    default:
      return null;
  }
}
