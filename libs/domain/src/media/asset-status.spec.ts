import { ASSET_STATUSES, AssetStatus, AssetTransitionError, assertAssetTransition, canTransitionAsset, isFinalAssetStatus } from './asset-status';

const allowed: Array<[AssetStatus, AssetStatus]> = [
  ['uploading', 'uploaded'],
  ['uploading', 'failed'],
  ['uploaded', 'probing'],
  ['probing', 'rejected'],
  ['probing', 'queued'],
  ['probing', 'failed'],
  ['queued', 'processing'],
  ['queued', 'failed'],
  ['processing', 'ready'],
  ['processing', 'failed'],
  ['ready', 'queued'],
  ['failed', 'queued'],
];

describe('media asset status', () => {
  it.each(allowed)('%s → %s is allowed', (from, to) => {
    expect(canTransitionAsset(from, to)).toBe(true);
    expect(assertAssetTransition(from, to)).toBe(to);
  });

  const refused = ASSET_STATUSES.flatMap((from) => ASSET_STATUSES.map((to) => [from, to] as [AssetStatus, AssetStatus])).filter(
    ([from, to]) => !allowed.some(([f, t]) => f === from && t === to),
  );

  it.each(refused)('%s → %s is refused', (from, to) => {
    expect(canTransitionAsset(from, to)).toBe(false);
    expect(() => assertAssetTransition(from, to)).toThrow(AssetTransitionError);
  });

  it.each([
    ['uploading', false],
    ['probing', false],
    ['queued', false],
    ['rejected', true],
    ['ready', true],
    ['failed', true],
  ] as const)('%s final: %s', (status, final) => {
    expect(isFinalAssetStatus(status)).toBe(final);
  });

  it('explains a refused move', () => {
    expect(() => assertAssetTransition('rejected', 'queued')).toThrow('A media asset cannot go from "rejected" to "queued".');
  });
});
