import { checkEpisodeMove, EPISODE_STAGES, EpisodeStage } from './episode-stage';

describe('episode stage moves', () => {
  it.each([
    ['idea', 'script', true],
    ['script', 'recording', true],
    ['recording', 'editing', true],
    ['editing', 'review', true],
    ['review', 'published', true],
    ['review', 'editing', true],
    ['script', 'idea', true],
    ['published', 'review', true],
    ['editing', 'editing', true],
    ['idea', 'recording', false],
    ['idea', 'published', false],
    ['published', 'idea', false],
    ['review', 'recording', false],
  ] as [EpisodeStage, EpisodeStage, boolean][])('%s → %s allowed: %s', (from, to, ok) => {
    expect(checkEpisodeMove(from, to).ok).toBe(ok);
  });

  it('names the stages it can go to', () => {
    expect(checkEpisodeMove('editing', 'idea')).toEqual({ ok: false, reason: 'An episode moves one stage at a time: from editing it can go to recording or review, not idea.' });
    expect(checkEpisodeMove('idea', 'editing')).toEqual({ ok: false, reason: 'An episode moves one stage at a time: from idea it can go to script, not editing.' });
  });

  it('keeps the board order', () => {
    expect(EPISODE_STAGES).toEqual(['idea', 'script', 'recording', 'editing', 'review', 'published']);
  });
});
