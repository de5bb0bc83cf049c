// Node runtime. The signed-in user's requests about their own account (Settings → Account). A
// 401 from any of them means the session ended elsewhere (a password changed in another
// window, the account deactivated): the core is told, and the window says so.
import type { AccountRequests } from '../../ipc/account-contract.js';
import type { Account } from '../../ipc/contract.js';
import { failure, FailureError } from '../failure.js';
import { AccountApi, serverInfo } from './account-api.js';

export interface SelfServiceDeps {
  /** The signed-in account and its token; null when signed out. */
  signedIn(): { account: Account; token: string } | null;
  /** The server refused the token: this session is over. */
  sessionEnded(): void;
  /** The server confirmed the user's new name. */
  renamed(name: string): Promise<void>;
  /** The account is gone: sign out here and remove this device's copy of its chats. */
  accountDeleted(): Promise<void>;
}

export function selfService(deps: SelfServiceDeps): AccountRequests {
  async function withAccount<T>(work: (api: AccountApi) => Promise<T>): Promise<T> {
    const signedIn = deps.signedIn();
    if (!signedIn) throw failure('signed_out', 'Sign in first.');
    try {
      return await work(new AccountApi(signedIn.account.serverUrl, signedIn.token));
    } catch (error) {
      if (error instanceof FailureError && error.failure.code === 'unauthorized') deps.sessionEnded();
      throw error;
    }
  }

  return {
    serverInfo: ({ serverUrl }) => serverInfo(serverUrl),
    accountInfo: () => withAccount((api) => api.info()),
    changePassword: ({ current, password }) => withAccount((api) => api.changePassword(current, password)),
    rename: ({ name }) =>
      withAccount(async (api) => {
        const info = await api.rename(name);
        await deps.renamed(info.name);
        return info;
      }),
    listSessions: () => withAccount((api) => api.sessions()),
    endSession: ({ id }) => withAccount((api) => api.endSession(id)),
    endOtherSessions: () => withAccount(async (api) => ({ ended: await api.endOtherSessions() })),
    deleteAccount: ({ password }) =>
      withAccount(async (api) => {
        await api.deleteAccount(password);
        await deps.accountDeleted();
      }),
  };
}
