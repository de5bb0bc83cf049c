// Browser runtime, but pure. An admin request's failure as a sentence: the codes that mean
// something particular here get their own; the rest read as everywhere else.
import type { TextKey } from '../../i18n/strings.js';
import { errorCode, failureTextKey } from '../../format/failure-text.js';

export function adminFailureKey(error: unknown, about: 'action' | 'name' | 'invite'): TextKey {
  const code = errorCode(error);
  if (code === 'conflict') return about === 'name' ? 'adminErrorConflictName' : 'adminErrorConflictAction';
  if (code === 'forbidden') return 'adminErrorForbidden';
  if (code === 'not_found') return 'adminErrorNotFound';
  if (code === 'bad_request' && about === 'name') return 'adminErrorBadRequest';
  return failureTextKey(code);
}
