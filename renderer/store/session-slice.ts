// Browser runtime, but pure. Who is signed in, where, and how the connection is doing.
import type { About, Account, ConnectionState, OutboxRecovery } from '../../main/ipc/contract.js';

export interface SessionState {
  /** False until the first snapshot arrives: nothing to show yet. */
  loaded: boolean;
  /** The first snapshot could not be loaded: the window offers to try again. */
  startFailed: boolean;
  account: Account | null;
  connection: ConnectionState;
  /** The server the sign-in screen suggests. */
  defaultServerUrl: string;
  /** The last server signed in to, suggested again after signing out. */
  lastServerUrl: string | null;
  /** Whether this session has been online: a later drop reads "Reconnecting…". */
  wasOnline: boolean;
  /** Settings → About: the app's version and where its log is (from the snapshot). */
  about: About | null;
  /** The outbox was damaged when this session started: shown until dismissed or signed out. */
  outboxRecovery: OutboxRecovery | null;
}

export const initialSession: SessionState = {
  loaded: false,
  startFailed: false,
  account: null,
  connection: 'signed-out',
  defaultServerUrl: '',
  lastServerUrl: null,
  wasOnline: false,
  about: null,
  outboxRecovery: null,
};

export function withConnection(session: SessionState, connection: ConnectionState): SessionState {
  return {
    ...session,
    connection,
    wasOnline: connection === 'online' || (session.wasOnline && session.account !== null),
  };
}

export function withAccount(session: SessionState, account: Account | null): SessionState {
  const changed = account?.user.id !== session.account?.user.id || account?.serverUrl !== session.account?.serverUrl;
  return {
    ...session,
    account,
    lastServerUrl: account?.serverUrl ?? session.account?.serverUrl ?? session.lastServerUrl,
    wasOnline: changed ? false : session.wasOnline,
  };
}
