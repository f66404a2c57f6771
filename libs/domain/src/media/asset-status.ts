/**
 * The life of a media asset, from the first uploaded byte to playable renditions:
 * uploading → uploaded → probing → (rejected | queued) → processing → ready | failed.
 * An upload abandoned before its last byte, or a probe that cannot run, ends in `failed`.
 */
export const ASSET_STATUSES = ['uploading', 'uploaded', 'probing', 'rejected', 'queued', 'processing', 'ready', 'failed'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

const NEXT: Record<AssetStatus, readonly AssetStatus[]> = {
  uploading: ['uploaded', 'failed'],
  uploaded: ['probing'],
  probing: ['rejected', 'queued', 'failed'],
  queued: ['processing'],
  processing: ['ready', 'failed'],
  rejected: [],
  ready: [],
  failed: [],
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

/** No further transition is possible. */
export const isFinalAssetStatus = (status: AssetStatus): boolean => NEXT[status].length === 0;
