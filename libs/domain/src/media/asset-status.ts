/**
 * The life of a media asset, from the first uploaded byte to playable renditions:
 * uploading → uploaded → probing → (rejected | queued) → processing → ready | failed.
 * An upload abandoned before its last byte, or a probe that cannot run, ends in `failed`. Processing that is
 * cancelled ends in `failed` too; a processed (ready or failed) recording may be queued to be processed again.
 */
export const ASSET_STATUSES = ['uploading', 'uploaded', 'probing', 'rejected', 'queued', 'processing', 'ready', 'failed'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

const NEXT: Record<AssetStatus, readonly AssetStatus[]> = {
  uploading: ['uploaded', 'failed'],
  uploaded: ['probing'],
  probing: ['rejected', 'queued', 'failed'],
  queued: ['processing', 'failed'],
  processing: ['ready', 'failed'],
  rejected: [],
  ready: ['queued'],
  failed: ['queued'],
};

export class AssetTransitionError extends Error {
  constructor(
    readonly from: AssetStatus,
    readonly to: AssetStatus,
  ) {
    super(`A media asset cannot go from "${from}" to "${to}".`);
  }
}

export function canTransitionAsset(from: AssetStatus, to: AssetStatus): boolean {
  return NEXT[from].includes(to);
}

/** Returns `to` when the move is allowed; throws AssetTransitionError otherwise. */
export function assertAssetTransition(from: AssetStatus, to: AssetStatus): AssetStatus {
  if (!canTransitionAsset(from, to)) throw new AssetTransitionError(from, to);
  return to;
}

/** Nothing more happens to the asset on its own (a producer may still have it processed again). */
export const isFinalAssetStatus = (status: AssetStatus): boolean => status === 'rejected' || status === 'ready' || status === 'failed';
