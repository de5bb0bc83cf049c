// Browser runtime, but pure. Which sentence a failed sign-in shows, and beside which field:
// the server names the field (ErrorBody.field); a server that does not yet is read by its code.
import type { ServerInfo } from '../../main/ipc/account-contract.js';
import { failureTextKey, type FailureField } from '../format/failure-text.js';
import type { TextKey } from '../i18n/strings.js';

export type Mode = 'login' | 'register';

/** What the form says is wrong; `field` null: the whole form (shown under it). */
export interface SignInError {
  key: TextKey;
  field: FailureField | null;
}

export function signInError(
  failure: { code: string; field: FailureField | null },
  mode: Mode,
  registration: ServerInfo['registration'],
): SignInError {
  // Signing in, `forbidden` is a deactivated account; registering, a missing or spent invite.
  const key = mode === 'login' && failure.code === 'forbidden' ? 'signInForbidden' : failureTextKey(failure.code);
  return { key, field: failure.field ?? guessedField(failure.code, mode, registration) };
}

function guessedField(code: string, mode: Mode, registration: ServerInfo['registration']): FailureField | null {
  if (mode !== 'register') return null;
  if (code === 'conflict') return 'name';
  if (code === 'forbidden' && registration === 'invite') return 'invite';
  return null;
}

/** The rule a local check found broken, as the field it concerns. */
export const ruleField: Partial<Record<TextKey, FailureField>> = {
  nameTooLong: 'name',
  passwordTooShort: 'password',
  needInvite: 'invite',
};
