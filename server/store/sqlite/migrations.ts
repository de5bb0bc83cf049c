// Versioned schema: PRAGMA user_version records how many migrations ran. Append only;
// never edit a migration that has shipped.
import type { Database } from 'better-sqlite3';
import { nameSkeleton } from '../../accounts/name-skeleton.js';
import { skeletonsOf } from '../sql/skeletons.js';
import { recordStateMigration } from '../sql/record-state.js';
import { searchMigration } from './search-migration.js';

/** SQL, or a step that needs code (computing values for existing rows). */
const migrations: Array<string | ((db: Database) => void)> = [
  // 1: users, sessions, messages stored once, chat records, and per-record copies.
  `
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  -- One row per send, kept for as long as the server keeps its data so a repeated
  -- (sender, client_id) is answered with the first send's copy even after the chat is deleted.
  CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    sender INTEGER NOT NULL REFERENCES users(id),
    client_id TEXT NOT NULL,
    recipient INTEGER NOT NULL REFERENCES users(id),
    date INTEGER NOT NULL,
    content TEXT NOT NULL,
    sender_seq INTEGER NOT NULL,
    UNIQUE (sender, client_id)
  );
  -- AUTOINCREMENT: a deleted and recreated record must get a new id.
  CREATE TABLE chats (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner INTEGER NOT NULL REFERENCES users(id),
    peer INTEGER NOT NULL REFERENCES users(id),
    unread INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    last_seq INTEGER NOT NULL DEFAULT 0,
    UNIQUE (owner, peer)
  );
  CREATE INDEX chats_by_owner ON chats (owner, updated_at DESC, id DESC);
  CREATE TABLE copies (
    chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    message_id INTEGER NOT NULL REFERENCES messages(id),
    PRIMARY KEY (chat_id, seq)
  ) WITHOUT ROWID;
  `,
  // 2: each name's confusable skeleton (accounts/name-skeleton.ts), unique, so two names that
  // look alike cannot both be registered. Existing users get theirs; of two existing names that
  // already look alike, the newer keeps none (NULLs never collide).
  (db) => {
    db.exec('ALTER TABLE users ADD COLUMN name_skeleton TEXT');
    const users = db.prepare('SELECT id, name_key FROM users ORDER BY id').all() as Array<{
      id: number;
      name_key: string;
    }>;
    const update = db.prepare('UPDATE users SET name_skeleton = ? WHERE id = ?');
    for (const [id, skeleton] of skeletonsOf(users, nameSkeleton)) update.run(skeleton, id);
    db.exec('CREATE UNIQUE INDEX users_by_skeleton ON users (name_skeleton)');
  },
  // 3: chats:list pages by record id (its order no longer follows updated_at, which every send
  // rewrote in the old index). users:list pages by name_key through its UNIQUE index.
  `
  DROP INDEX chats_by_owner;
  CREATE INDEX chats_by_owner_id ON chats (owner, id);
  `,
  // 4: roles (the oldest existing user becomes the admin) and invite codes, stored as hashes.
  `
  ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member'));
  UPDATE users SET role = 'admin' WHERE id = (SELECT min(id) FROM users);
  CREATE TABLE invites (
    code_hash TEXT PRIMARY KEY,
    uses_left INTEGER NOT NULL CHECK (uses_left >= 0),
    expires_at INTEGER,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // 5: accounts that can be deactivated or deleted, sessions with a public id, a device label and
  // a last use (idle ones end), and the log of access changes every node polls, so a change made
  // by `npm run admin` or another node disconnects the user's sockets within a second.
  `
  ALTER TABLE users ADD COLUMN state TEXT NOT NULL DEFAULT 'active'
    CHECK (state IN ('active', 'deactivated', 'deleted'));
  ALTER TABLE users ADD COLUMN last_seen_at INTEGER;
  ALTER TABLE sessions ADD COLUMN id TEXT;
  ALTER TABLE sessions ADD COLUMN device TEXT NOT NULL DEFAULT '';
  ALTER TABLE sessions ADD COLUMN last_used_at INTEGER NOT NULL DEFAULT 0;
  -- Counted as used at the upgrade: an old session in daily use must not be taken for an idle one.
  UPDATE sessions SET id = lower(hex(randomblob(9))), last_used_at = CAST(unixepoch('subsec') * 1000 AS INTEGER);
  UPDATE users SET last_seen_at = (SELECT max(created_at) FROM sessions WHERE user_id = users.id);
  CREATE UNIQUE INDEX sessions_by_id ON sessions (id);
  CREATE INDEX sessions_by_user ON sessions (user_id, last_used_at);
  CREATE INDEX sessions_by_last_use ON sessions (last_used_at);
  CREATE TABLE account_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL,
    at INTEGER NOT NULL
  );
  `,
  // 6: the owners of records whose peer is a user, found by peer, so a rename or deletion tells
  // them in pages, not by a table scan.
  `CREATE INDEX chats_by_peer ON chats (peer, owner);`,
  // 7: files attached to messages (stored once, like the message, with which records still hold
  // them), avatars, the blobs being written and the trash of blobs to delete, and server-wide
  // values (the file-link key).
  `
  CREATE TABLE files (
    id TEXT PRIMARY KEY,
    uploader INTEGER NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    mime TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    width INTEGER,
    height INTEGER,
    blob_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    -- Null until a message:send attaches it; then its place among the message's attachments.
    message_id INTEGER REFERENCES messages(id),
    position INTEGER,
    -- Whether the sender's and the recipient's records still hold a copy referring to it: the
    -- file (and its blob) goes when neither does.
    kept_by_sender BOOLEAN NOT NULL DEFAULT TRUE,
    kept_by_recipient BOOLEAN NOT NULL DEFAULT TRUE
  ) WITHOUT ROWID;
  CREATE INDEX files_by_message ON files (message_id, position) WHERE message_id IS NOT NULL;
  CREATE INDEX unattached_files ON files (created_at) WHERE message_id IS NULL;
  CREATE INDEX unattached_by_uploader ON files (uploader) WHERE message_id IS NULL;
  CREATE TABLE avatars (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    blob_key TEXT NOT NULL,
    mime TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX avatars_by_user ON avatars (user_id);
  ALTER TABLE users ADD COLUMN avatar TEXT;
  -- How many files a message carries, so a page of text messages needs no look in files.
  ALTER TABLE messages ADD COLUMN attachments INTEGER NOT NULL DEFAULT 0;
  -- Bytes in the blob store that nothing refers to any more; the sweeper deletes them.
  CREATE TABLE trashed_blobs (
    blob_key TEXT PRIMARY KEY,
    trashed_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX trashed_blobs_by_age ON trashed_blobs (trashed_at);
  -- Blobs being written, recorded before their first byte: one whose file or avatar a crash kept
  -- from being recorded is trashed a day later, so no blob is left that nothing refers to.
  CREATE TABLE pending_blobs (
    blob_key TEXT PRIMARY KEY,
    started_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX pending_blobs_by_age ON pending_blobs (started_at);
  CREATE TABLE server_values (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // 8: acting on a message (docs/protocol.md 6.11). An action (recall, edit, hide) is a message
  // row with its kind, its target and, for an edit, the new text, so it gets an id, a seq in each
  // record it is appended to, and (sender, client_id) idempotency like a send. The acted-on
  // message keeps its state here (recalled, edited_at; hidden is per record, on the copy), a reply
  // its quote snapshot (JSON), a forward its flag. Files of a forward share their blob, so a blob
  // is found by key to tell whether another file still refers to it.
  `
  ALTER TABLE messages ADD COLUMN kind TEXT CHECK (kind IN ('recall', 'edit', 'hide'));
  ALTER TABLE messages ADD COLUMN target INTEGER;
  ALTER TABLE messages ADD COLUMN text TEXT;
  ALTER TABLE messages ADD COLUMN reply_to TEXT;
  ALTER TABLE messages ADD COLUMN recalled BOOLEAN NOT NULL DEFAULT FALSE;
  ALTER TABLE messages ADD COLUMN edited_at INTEGER;
  ALTER TABLE messages ADD COLUMN forwarded BOOLEAN NOT NULL DEFAULT FALSE;
  ALTER TABLE copies ADD COLUMN hidden BOOLEAN NOT NULL DEFAULT FALSE;
  CREATE INDEX copies_by_message ON copies (message_id);
  CREATE INDEX files_by_blob ON files (blob_key);
  `,
  // 9 (follows issue 15's migration 8, message actions): pins, mutes, unread marks and read
  // receipts on chat records, and each user's read-receipts setting.
  recordStateMigration,
  // 10 (issue 15 numbers it after the actions' 8 and the records' 9): the search index.
  searchMigration,
];

export const schemaVersion = migrations.length;

/** Runs the migrations not yet run, up to `target` (tests build an older schema with a lower one). */
export function migrate(db: Database, target = schemaVersion): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > schemaVersion) {
    throw new Error(
      `The database has schema version ${current}, newer than this server's ${schemaVersion}; upgrade the server.`,
    );
  }
  for (let version = current; version < target; version++) {
    db.transaction(() => {
      const step = migrations[version]!;
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
