// Where one profile keeps its files: the account and settings at the top, and one folder
// per signed-in user (per server) for the cache and the outbox.
import path from 'node:path';

export interface ProfilePaths {
  account: string;
  settings: string;
  token: string;
  /** Cache and outbox of one user on one server. */
  userDir(serverUrl: string, userId: number): string;
}

export function profilePaths(profileDir: string): ProfilePaths {
  return {
    account: path.join(profileDir, 'account.json'),
    settings: path.join(profileDir, 'settings.json'),
    token: path.join(profileDir, 'session-token'),
    userDir: (serverUrl, userId) => path.join(profileDir, 'users', serverFolder(serverUrl), String(userId)),
  };
}

/** A folder name for a server: its host and port, with anything unusual replaced. */
function serverFolder(serverUrl: string): string {
  return new URL(serverUrl).host.replace(/[^A-Za-z0-9.-]/g, '_');
}
