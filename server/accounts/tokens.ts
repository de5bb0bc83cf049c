import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits; only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A session's public id: 72 random bits, 12 base64url characters. */
export function newSessionId(): string {
  return randomBytes(9).toString('base64url');
}
