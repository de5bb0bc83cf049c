// Server, store: the session and account rows both stores read, and their mapping.
import type { Credentials, FoundSession, Role, StoredSession } from '../store.js';

export interface SessionRow {
  user_id: number;
  user_name: string;
  id: string;
  last_used_at: number;
}

export interface StoredSessionRow {
  id: string;
  device: string;
  created_at: number;
  last_used_at: number;
}

export interface CredentialsRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  avatar: string | null;
  read_receipts: boolean | number;
}

export function toFoundSession(row: SessionRow): FoundSession {
  return { userId: row.user_id, userName: row.user_name, sessionId: row.id, lastUsedAt: row.last_used_at };
}

export function toStoredSession(row: StoredSessionRow): StoredSession {
  return { id: row.id, device: row.device, createdAt: row.created_at, lastUsedAt: row.last_used_at };
}

export function toCredentials(row: CredentialsRow): Credentials {
  const credentials = {
    id: row.id,
    name: row.name,
    role: row.role,
    passwordHash: row.password_hash,
    readReceipts: Boolean(row.read_receipts),
  };
  return row.avatar === null ? credentials : { ...credentials, avatar: row.avatar };
}

export function hashes(rows: unknown[]): string[] {
  return (rows as Array<{ token_hash: string }>).map((row) => row.token_hash);
}

/**
 * The name key a deleted user is left with: it must stay NOT NULL UNIQUE, and names never hold
 * control characters, so no real name's key can equal it.
 */
export function releasedKey(userId: number): string {
  return `\u0001deleted:${userId}`;
}

/** A UNIQUE index refused the write (SQLite's SQLITE_CONSTRAINT_UNIQUE, PostgreSQL's 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
