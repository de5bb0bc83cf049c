// Browser runtime. Settings → Account's requests: each resolves with its outcome for the form
// that asked, never rejects; a failure comes back as the text key that explains it.
import type { AccountInfo, SessionInfo } from '../../main/ipc/account-contract.js';
import { errorCode, failureTextKey } from '../format/failure-text.js';
import type { TextKey } from '../i18n/strings.js';
import * as act from '../store/actions.js';
import { appStore } from '../store/store.js';
import { messenger } from './api.js';
import { reportUnlessAnswered } from './problems.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: TextKey };

/** What a code means in these forms: `forbidden` is a wrong password, `conflict` a taken name. */
type Meanings = Partial<Record<string, TextKey>>;
const formMeanings: Meanings = { forbidden: 'wrongPassword', conflict: 'nameTaken' };

function explain(context: string, error: unknown, meanings: Meanings): { ok: false; error: TextKey } {
  reportUnlessAnswered(context, error);
  const code = errorCode(error);
  return { ok: false, error: meanings[code] ?? failureTextKey(code) };
}

async function attempt<T>(
  context: string,
  work: () => Promise<T>,
  meanings: Meanings = formMeanings,
): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return explain(context, error, meanings);
  }
}

export function loadAccountInfo(): Promise<Outcome<AccountInfo>> {
  return attempt('loading the account', () => messenger().accountInfo());
}

export function renameAccount(name: string): Promise<Outcome<AccountInfo>> {
  return attempt('changing the name', async () => {
    const info = await messenger().rename({ name });
    const account = appStore.getState().session.account;
    if (account) act.accountChanged({ ...account, user: { ...account.user, name: info.name, role: info.role } });
    return info;
  });
}

export function changePassword(current: string, password: string): Promise<Outcome<void>> {
  return attempt('changing the password', () => messenger().changePassword({ current, password }));
}

export function loadSessions(): Promise<Outcome<SessionInfo[]>> {
  return attempt('loading the sessions', () => messenger().listSessions());
}

export function endSession(id: string): Promise<Outcome<void>> {
  return attempt('ending a session', () => messenger().endSession({ id }));
}

export function endOtherSessions(): Promise<Outcome<number>> {
  return attempt('ending the other sessions', async () => (await messenger().endOtherSessions()).ended);
}

/** On success the core has signed this device out. */
export function deleteAccount(password: string): Promise<Outcome<void>> {
  return attempt(
    'deleting the account',
    async () => {
      await messenger().deleteAccount({ password });
      act.accountChanged(null);
    },
    // Here a conflict is not a name: the server keeps its only administrator.
    { ...formMeanings, conflict: 'deleteAccountOnlyAdmin' },
  );
}
