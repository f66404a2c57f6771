import { canMove, columns, isOverdue, neighbours } from './board';
import { Episode } from './series.api';

const episode = (over: Partial<Episode>): Episode => ({ id: 'e', seriesId: 's', title: 'E', description: '', stage: 'idea', assigneeId: null, assigneeName: null, dueDate: null, notes: '', position: 0, ...over });

describe('series board', () => {
  it.each([
    ['idea', 'script', true],
    ['script', 'idea', true],
    ['review', 'editing', true],
    ['idea', 'recording', false],
    ['idea', 'idea', false],
    ['review', 'published', true],
  ] as const)('%s → %s allowed: %s', (from, to, ok) => {
    expect(canMove(from, to)).toBe(ok);
  });

  it('knows the neighbouring stages', () => {
    expect(neighbours('idea')).toEqual({ prev: null, next: 'script' });
    expect(neighbours('published')).toEqual({ prev: 'review', next: null });
  });

  it('marks unpublished episodes past their due date as overdue', () => {
    expect(isOverdue(episode({ dueDate: '2027-01-14' }), '2027-01-15')).toBe(true);
    expect(isOverdue(episode({ dueDate: '2027-01-15' }), '2027-01-15')).toBe(false);
    expect(isOverdue(episode({ dueDate: '2027-01-14', stage: 'published' }), '2027-01-15')).toBe(false);
    expect(isOverdue(episode({}), '2027-01-15')).toBe(false);
  });

  it('puts every stage in a column, episodes in board order', () => {
    const cols = columns([episode({ id: 'b', position: 1 }), episode({ id: 'a', position: 0 }), episode({ id: 'c', stage: 'review' })]);
    expect(cols.map((c) => c.stage)).toEqual(['idea', 'script', 'recording', 'editing', 'review', 'published']);
    expect(cols[0].episodes.map((e) => e.id)).toEqual(['a', 'b']);
    expect(cols[4].episodes.map((e) => e.id)).toEqual(['c']);
  });
});
