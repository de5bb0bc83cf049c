// The renderer's requests about the signed-in user's own account (Settings → Account) and
// what a server allows before sign-in; part of the one IPC contract (contract.ts).
import type {
  AccountInfo,
  ChangePasswordRequest,
  DeleteAccountRequest,
  RenameRequest,
  ServerInfo,
  SessionInfo,
} from '../../protocol/contract.js';

export type {
  AccountInfo,
  ChangePasswordRequest,
  DeleteAccountRequest,
  RenameRequest,
  ServerInfo,
  SessionInfo,
  UserUpdate,
} from '../../protocol/contract.js';

export interface ServerInfoInput {
  serverUrl: string;
}
export interface EndSessionInput {
  id: string;
}

export interface AccountRequests {
  /** Who may register on that server, and its limits (a server too old to say: open). */
  serverInfo(input: ServerInfoInput): Promise<ServerInfo>;
  accountInfo(): Promise<AccountInfo>;
  /** Every other session of the user ends; this one stays. */
  changePassword(input: ChangePasswordRequest): Promise<void>;
  rename(input: RenameRequest): Promise<AccountInfo>;
  listSessions(): Promise<SessionInfo[]>;
  endSession(input: EndSessionInput): Promise<void>;
  /** How many ended. */
  endOtherSessions(): Promise<{ ended: number }>;
  /** On success this device is signed out and its copy of the account's chats removed. */
  deleteAccount(input: DeleteAccountRequest): Promise<void>;
}

export const accountRequestNames = [
  'serverInfo',
  'accountInfo',
  'changePassword',
  'rename',
  'listSessions',
  'endSession',
  'endOtherSessions',
  'deleteAccount',
] as const satisfies readonly (keyof AccountRequests)[];
