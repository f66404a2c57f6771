import { keyTarget, KeyTarget, PlayerAction, playerKey } from './keys';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('playerKey', () => {
  it.each<[string, KeyTarget, PlayerAction | null]>([
    [' ', 'other', 'toggle'],
    [' ', 'slider', 'toggle'],
    [' ', 'button', null], // Space presses the focused button
    ['k', 'button', 'toggle'],
    ['K', 'other', 'toggle'],
    ['ArrowLeft', 'other', 'back'],
    ['ArrowRight', 'button', 'forward'],
    ['ArrowLeft', 'slider', 'back'],
    ['ArrowUp', 'slider', 'forward'],
    ['ArrowDown', 'slider', 'back'],
    ['ArrowUp', 'other', null], // scrolls the page
    ['c', 'other', 'captions'],
    ['C', 'button', 'captions'],
    ['m', 'slider', 'mute'],
    ['f', 'other', 'fullscreen'],
    ['Home', 'button', 'start'],
    ['End', 'other', 'end'],
    ['Home', 'slider', null], // the slider moves itself
    ['Enter', 'other', null],
    ['Tab', 'other', null],
    ['x', 'other', null],
    ['k', 'field', null], // typing in a select or text field
    ['ArrowLeft', 'field', null],
    [' ', 'field', null],
  ])('%j on %s → %s', (k, target, action) => {
    expect(playerKey(key(k), target)).toBe(action);
  });

  it.each(['ctrlKey', 'metaKey', 'altKey'] as const)('leaves browser shortcuts alone (%s)', (mod) => {
    expect(playerKey(key('f', { [mod]: true }), 'other')).toBeNull();
    expect(playerKey(key('ArrowLeft', { [mod]: true }), 'other')).toBeNull();
  });
});

describe('keyTarget', () => {
  const el = (html: string) => {
    const div = document.createElement('div');
    div.innerHTML = html;
    return div.firstElementChild;
  };
  it.each<[string, KeyTarget]>([
    ['<button>Afspelen</button>', 'button'],
    ['<a href="#">Link</a>', 'button'],
    ['<summary>Sneltoetsen</summary>', 'button'],
    ['<input type="range">', 'slider'],
    ['<input type="search">', 'field'],
    ['<select><option>1×</option></select>', 'field'],
    ['<textarea></textarea>', 'field'],
    ['<video></video>', 'other'],
    ['<div></div>', 'other'],
  ])('%s → %s', (html, target) => {
    expect(keyTarget(el(html))).toBe(target);
  });

  it('treats a non-element as other', () => {
    expect(keyTarget(null)).toBe('other');
    expect(keyTarget(window)).toBe('other');
  });
});
