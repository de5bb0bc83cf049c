// Users and sessions for a bench run, written through the server's own store (its migrations
// and statements) before the server starts: into a fresh SQLite data folder, or into a fresh
// PostgreSQL database for the two-node rows.
// Registering 10,000 users over HTTP would spend minutes in scrypt, which is not what any
// scenario measures; the server then authenticates these tokens exactly as it does real ones.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashToken } from '../../../server/accounts/tokens.js';
import { nameKey } from '../../../protocol/schemas.js';
import Database from 'better-sqlite3';
import { PostgresStore } from '../../../server/store/postgres/postgres-store.js';
import { databaseFileName, SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import type { Store } from '../../../server/store/store.js';

export interface SeededUser {
  id: number;
  name: string;
  /** One token per session (device). */
  tokens: string[];
}

export interface Seeded {
  dataDir: string;
  users: SeededUser[];
  /** token → user id, for the minimal server. */
  tokensFile: string;
}

export function benchTemp(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `messenger-bench-${label}-`));
}

/**
 * `count` users named bench-1…, each with `sessionsPerUser` sessions: in `dbUrl`'s PostgreSQL
 * database when given (an empty one: the store creates the schema), else in the data folder.
 */
export async function seedUsers(label: string, count: number, sessionsPerUser = 1, dbUrl?: string): Promise<Seeded> {
  const root = benchTemp(label);
  const dataDir = path.join(root, 'data');
  const store: Store = dbUrl ? await PostgresStore.open(dbUrl) : new SqliteStore(dataDir);
  const now = Date.now();
  // Not a real scrypt hash: nobody logs in with a password during the bench.
  const created = await Promise.all(
    Array.from({ length: count }, (_, i) => {
      const name = `bench-${i + 1}`;
      return store.createUser(name, nameKey(name), 'bench-no-password', now);
    }),
  );
  const users: SeededUser[] = created.map((user) => {
    if (!user) throw new Error('seeding: a bench user already exists');
    return { id: user.id, name: user.name, tokens: [] };
  });
  const saves: Array<Promise<string[]>> = [];
  for (const user of users) {
    for (let s = 0; s < sessionsPerUser; s++) {
      const token = randomBytes(32).toString('base64url');
      user.tokens.push(token);
      const id = randomBytes(9).toString('base64url');
      saves.push(store.saveSession({ tokenHash: hashToken(token), id, userId: user.id, device: '', now }, 100));
    }
  }
  await Promise.all(saves);
  await store.close();
  const tokensFile = path.join(root, 'tokens.json');
  const map: Record<string, number> = {};
  for (const user of users) for (const token of user.tokens) map[token] = user.id;
  fs.writeFileSync(tokensFile, JSON.stringify(map));
  return { dataDir, users, tokensFile };
}

export function removeSeed(seeded: Seeded): void {
  fs.rmSync(path.dirname(seeded.dataDir), { recursive: true, force: true });
}

/**
 * A large directory in a SQLite data folder, written in one transaction straight into the
 * store's schema (seconds instead of minutes): users u000001… (ids 1…`users`), one chat record
 * of user 1 with every other user, and one session with each of `tokens` for users 1, 2, ….
 */
export async function seedDirectory(dataDir: string, users: number, tokens: string[]): Promise<void> {
  await new SqliteStore(dataDir).close(); // creates the schema
  const db = new Database(path.join(dataDir, databaseFileName));
  try {
    db.transaction(() => {
      const user = db.prepare(
        'INSERT INTO users (id, name, name_key, password_hash, created_at) VALUES (?, ?, ?, ?, 1)',
      );
      const chat = db.prepare('INSERT INTO chats (owner, peer, updated_at) VALUES (1, ?, ?)');
      for (let id = 1; id <= users; id++) {
        const name = `u${String(id).padStart(6, '0')}`;
        user.run(id, name, name, 'no password');
        if (id > 1) chat.run(id, id);
      }
      // Used now: a session unused for --session-idle-days is refused.
      const session = db.prepare(
        'INSERT INTO sessions (token_hash, id, user_id, created_at, last_used_at) VALUES (?, ?, ?, 1, ?)',
      );
      tokens.forEach((token, i) => session.run(hashToken(token), `seeded-${i}`, i + 1, Date.now()));
    })();
  } finally {
    db.close();
  }
}
