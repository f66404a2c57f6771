import { MessageKey } from '../i18n/messages';

/** Codes the server gives when it refuses or gives up on a recording, each with its text for librarians. */
export const REASON_CODES = [
  'empty',
  'playlist',
  'script',
  'text',
  'document',
  'image',
  'image_sequence',
  'generated',
  'unsupported_type',
  'no_streams',
  'picture_too_large',
  'too_long',
  'unknown_duration',
  'unsupported_video_codec',
  'unsupported_audio_codec',
  'unreadable',
  'undecodable',
  'probe_failed',
  'upload_expired',
  'cancelled',
  'transcode_failed',
  'transcode_input',
] as const;

/** The text for a rejection or failure code; null for a code this dashboard does not know (show the server's words). */
export function reasonKey(code: string | null): MessageKey | null {
  return code && (REASON_CODES as readonly string[]).includes(code) ? (`reason.${code}` as MessageKey) : null;
}

/** Why the upload server refused a request, by HTTP status. */
export function uploadErrorKey(status: number): MessageKey {
  switch (status) {
    case 0:
      return 'upload.error.offline';
    case 401:
      return 'upload.error.loggedOut';
    case 403:
      return 'upload.error.notYours';
    case 404:
    case 410:
      return 'upload.error.gone';
    case 413:
      return 'upload.error.tooLarge';
    case 415:
      return 'upload.error.wrongType';
    default:
      return status >= 400 && status < 500 ? 'upload.error.refused' : 'upload.error.server';
  }
}
