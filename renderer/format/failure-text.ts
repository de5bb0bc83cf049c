// Browser runtime, but pure. Errors from the main process carry a code; the user reads a
// sentence in their language instead.
import type { TextKey } from '../i18n/strings.js';

const keyByCode: Record<string, TextKey> = {
  conflict: 'errorConflict',
  forbidden: 'errorForbidden',
  unauthorized: 'errorUnauthorized',
  offline: 'errorOffline',
  bad_request: 'errorBadRequest',
  rate_limited: 'errorRateLimited',
  busy: 'errorBusy',
  not_found: 'errorNotFound',
  too_large: 'errorTooLarge',
  signed_out: 'errorSignedOut',
  connection_dropped: 'errorConnectionDropped',
  internal: 'errorInternal',
};

/** The code of a rejected request (an Error with `code`), or `internal`. */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string')
    return error.code;
  return 'internal';
}

export type FailureField = 'name' | 'password' | 'invite';
const fields: readonly string[] = ['name', 'password', 'invite'] satisfies FailureField[];

/** The field the server said is wrong (a rejected request's `field`), or null. */
export function errorField(error: unknown): FailureField | null {
  if (typeof error === 'object' && error !== null && 'field' in error && typeof error.field === 'string')
    return fields.includes(error.field) ? (error.field as FailureField) : null;
  return null;
}

/** The text key that explains `code`; unknown codes read as "something went wrong". */
export function failureTextKey(code: string): TextKey {
  return keyByCode[code] ?? 'errorInternal';
}
