// Browser runtime, but pure. Why a file could not be added, shown or saved, in the user's words
// (the message-level sentences speak of messages: "too long" is not what a file is).
import type { TextKey } from '../i18n/strings.js';

const keyByCode: Record<string, TextKey> = {
  too_large: 'fileTooLarge',
  bad_request: 'fileUnreadable',
  not_found: 'fileGone',
  offline: 'fileOffline',
  signed_out: 'errorSignedOut',
  rate_limited: 'errorRateLimited',
};

export function fileFailureKey(code: string): TextKey {
  return keyByCode[code] ?? 'fileFailed';
}
