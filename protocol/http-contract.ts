// The wire contract's HTTP shapes for accounts, administration and files (docs/protocol.md
// section 5). Runtime-neutral; contract.ts re-exports all of it, so import from there.

/** PUT /api/account/settings body and answer: settings every device of the user shares. */
export interface AccountSettings {
  readReceipts: boolean;
}

/** POST /api/files/<id>/link: a URL (path and query, on this server) that reads the file without a token until `expiresAt`. */
export interface FileLink {
  url: string;
  expiresAt: number;
}

/** PUT /api/me/avatar (200). */
export interface AvatarResponse {
  avatar: string;
}

export type Role = 'admin' | 'member';
/** `deleted` accounts are gone for good: their name is free and peers see "Deleted user". */
export type AccountState = 'active' | 'deactivated' | 'deleted';

/** GET /api/account: who the token belongs to. */
export interface AccountInfo {
  id: number;
  name: string;
  role: Role;
  /** Whether the user sends and sees read receipts (absent: a server before them; on). */
  readReceipts?: boolean;
  /** As in `User.avatar`. */
  avatar?: string;
}

/** POST /api/login body: `device` labels the new session in session lists (optional). */
export interface LoginRequest {
  name: string;
  password: string;
  device?: string;
}

/** One signed-in device, as GET /api/account/sessions and the admin's session list show it. */
export interface SessionInfo {
  id: string;
  device: string;
  createdAt: number;
  lastSeenAt: number;
  /** The session the request was made with (self-service lists only). */
  current?: boolean;
}

export interface ChangePasswordRequest {
  current: string;
  password: string;
}
export interface RenameRequest {
  name: string;
}
export interface DeleteAccountRequest {
  password: string;
}

/** A user as the administrator sees them. */
export interface ManagedUser {
  id: number;
  name: string;
  role: Role;
  state: AccountState;
  createdAt: number;
  lastSeenAt: number | null;
}
/** GET /api/admin/users?after=<next>&limit=<1–500>: pages in id order. */
export interface ManagedUsersPage {
  users: ManagedUser[];
  next?: string;
}
/** POST /api/admin/users: the name of the account an administrator creates. */
export interface AdminNewUserRequest {
  name: string;
}
/** POST /api/admin/users (201) and reset-password (200): the one-time password to hand over. */
export interface AdminPasswordResponse {
  user: ManagedUser;
  password: string;
}
export const adminActions = ['deactivate', 'reactivate', 'promote', 'demote', 'reset-password'] as const;
export type AdminAction = (typeof adminActions)[number];

/** An invite as the administrator sees it: never its code, which is shown once. */
export interface InviteInfo {
  id: string;
  usesLeft: number;
  expiresAt: number | null;
  createdAt: number;
  createdBy: number | null;
}
/** POST /api/admin/invites body; `expiresInMs` absent: never expires. */
export interface NewInviteRequest {
  uses?: number;
  expiresInMs?: number;
}
export interface NewInviteResponse {
  code: string;
  invite: InviteInfo;
}

/** Who may create an account: anyone, holders of an invite code, or nobody (an administrator does). */
export const registrationModes = ['open', 'invite', 'closed'] as const;
export type RegistrationMode = (typeof registrationModes)[number];

/** GET /api/server-info: what a client shows before anyone signs in. */
export interface ServerInfo {
  registration: RegistrationMode;
  limits: {
    nameMaxCodePoints: number;
    passwordMinCodePoints: number;
    passwordMaxCodePoints: number;
    contentMaxCodePoints: number;
    /** Largest file POST /api/files accepts, in bytes (absent: a server without files). */
    maxUploadBytes?: number;
    /** Most attachments one message may carry (absent: a server without files). */
    attachmentsMax?: number;
  };
}
