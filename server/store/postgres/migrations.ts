// Versioned schema for PostgreSQL: schema_migrations records every migration applied. All of
// them run in one transaction under a transaction-level advisory lock, so nodes that start
// together apply each migration once and none of them sees a half-made schema. Append only;
// never edit a migration that has shipped.
import type { PoolClient } from 'pg';
import { nameSkeleton } from '../../accounts/name-skeleton.js';
import { skeletonsOf } from '../sql/skeletons.js';
import { recordStateMigration } from '../sql/record-state.js';
import { searchMigration } from './search-migration.js';
import { sendBatchMigration } from './send-batch-migration.js';
import { sendBatchRecordsMigration } from './send-batch-records-migration.js';
import { sendBatchFirstCopyMigration } from './send-batch-first-copy-migration.js';
import { writeSendsMigration } from './write-sends-migration.js';

/** Any constant shared by every node; "msgr" in ASCII. */
const migrationLock = 0x6d736772;

/** SQL, or a step that needs code (computing values for existing rows). */
const migrations: Array<string | ((client: PoolClient) => Promise<void>)> = [
  // 1: users, sessions, messages stored once, chat records, and per-record copies. Times are
  // milliseconds since the epoch, as in SQLite.
  `
  CREATE TABLE users (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL
  );
  -- One row per send, kept for as long as the server keeps its data so a repeated
  -- (sender, client_id) is answered with the first send's copy even after the chat is deleted.
  CREATE TABLE messages (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sender BIGINT NOT NULL REFERENCES users(id),
    client_id TEXT NOT NULL,
    recipient BIGINT NOT NULL REFERENCES users(id),
    date BIGINT NOT NULL,
    -- UTF-8 bytes: PostgreSQL's TEXT cannot hold U+0000, which a message may contain.
    content BYTEA NOT NULL,
    sender_seq BIGINT NOT NULL,
    UNIQUE (sender, client_id)
  );
  -- An identity column never hands out a value twice: a deleted and recreated record gets a new id.
  CREATE TABLE chats (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner BIGINT NOT NULL REFERENCES users(id),
    peer BIGINT NOT NULL REFERENCES users(id),
    unread BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL,
    last_seq BIGINT NOT NULL DEFAULT 0,
    UNIQUE (owner, peer)
  );
  CREATE INDEX chats_by_owner ON chats (owner, updated_at DESC, id DESC);
  CREATE TABLE copies (
    chat_id BIGINT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    message_id BIGINT NOT NULL REFERENCES messages(id),
    PRIMARY KEY (chat_id, seq)
  );
  `,
  // 2: each name's confusable skeleton, unique (as in SQLite's migration 2).
  async (client) => {
    await client.query('ALTER TABLE users ADD COLUMN name_skeleton TEXT');
    const { rows } = await client.query<{ id: string; name_key: string }>('SELECT id, name_key FROM users ORDER BY id');
    const found = skeletonsOf(rows, nameSkeleton);
    await client.query(
      `UPDATE users u SET name_skeleton = v.skeleton
        FROM unnest($1::bigint[], $2::text[]) AS v(id, skeleton) WHERE u.id = v.id`,
      [found.map(([id]) => id), found.map(([, skeleton]) => skeleton)],
    );
    await client.query('CREATE UNIQUE INDEX users_by_skeleton ON users (name_skeleton)');
  },
  // 3: chats:list pages by record id (its order no longer follows updated_at, which every send
  // rewrote in the old index); users:list pages by name_key compared as code points, as SQLite does.
  `
  DROP INDEX chats_by_owner;
  CREATE INDEX chats_by_owner_id ON chats (owner, id);
  CREATE INDEX users_by_name_key ON users (name_key COLLATE "C");
  `,
  // 4: roles (the oldest existing user becomes the admin) and invite codes, as in SQLite's 4.
  `
  ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member'));
  UPDATE users SET role = 'admin' WHERE id = (SELECT min(id) FROM users);
  CREATE TABLE invites (
    code_hash TEXT PRIMARY KEY,
    uses_left BIGINT NOT NULL CHECK (uses_left >= 0),
    expires_at BIGINT,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL
  );
  `,
  // 5: account states, session ids, device labels and last use, and the access-change log (as
  // in SQLite's 5).
  `
  ALTER TABLE users ADD COLUMN state TEXT NOT NULL DEFAULT 'active'
    CHECK (state IN ('active', 'deactivated', 'deleted'));
  ALTER TABLE users ADD COLUMN last_seen_at BIGINT;
  ALTER TABLE sessions ADD COLUMN id TEXT;
  ALTER TABLE sessions ADD COLUMN device TEXT NOT NULL DEFAULT '';
  ALTER TABLE sessions ADD COLUMN last_used_at BIGINT NOT NULL DEFAULT 0;
  -- Counted as used at the upgrade: an old session in daily use must not be taken for an idle one.
  UPDATE sessions SET id = substr(md5(random()::text || token_hash), 1, 18),
    last_used_at = (extract(epoch FROM now()) * 1000)::bigint;
  UPDATE users u SET last_seen_at = (SELECT max(created_at) FROM sessions s WHERE s.user_id = u.id);
  CREATE UNIQUE INDEX sessions_by_id ON sessions (id);
  CREATE INDEX sessions_by_user ON sessions (user_id, last_used_at);
  CREATE INDEX sessions_by_last_use ON sessions (last_used_at);
  CREATE TABLE account_changes (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL,
    at BIGINT NOT NULL
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
    uploader BIGINT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    size BIGINT NOT NULL,
    mime TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    width INTEGER,
    height INTEGER,
    blob_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- Null until a message:send attaches it; then its place among the message's attachments.
    message_id BIGINT REFERENCES messages(id),
    position INTEGER,
    -- Whether the sender's and the recipient's records still hold a copy referring to it: the
    -- file (and its blob) goes when neither does.
    kept_by_sender BOOLEAN NOT NULL DEFAULT TRUE,
    kept_by_recipient BOOLEAN NOT NULL DEFAULT TRUE
  );
  CREATE INDEX files_by_message ON files (message_id, position) WHERE message_id IS NOT NULL;
  CREATE INDEX unattached_files ON files (created_at) WHERE message_id IS NULL;
  CREATE INDEX unattached_by_uploader ON files (uploader) WHERE message_id IS NULL;
  CREATE TABLE avatars (
    id TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    blob_key TEXT NOT NULL,
    mime TEXT NOT NULL
  );
  CREATE INDEX avatars_by_user ON avatars (user_id);
  ALTER TABLE users ADD COLUMN avatar TEXT;
  -- How many files a message carries, so a page of text messages needs no look in files.
  ALTER TABLE messages ADD COLUMN attachments INTEGER NOT NULL DEFAULT 0;
  -- Bytes in the blob store that nothing refers to any more; the sweeper deletes them.
  CREATE TABLE trashed_blobs (
    blob_key TEXT PRIMARY KEY,
    trashed_at BIGINT NOT NULL
  );
  CREATE INDEX trashed_blobs_by_age ON trashed_blobs (trashed_at);
  -- Blobs being written, recorded before their first byte: one whose file or avatar a crash kept
  -- from being recorded is trashed a day later, so no blob is left that nothing refers to.
  CREATE TABLE pending_blobs (
    blob_key TEXT PRIMARY KEY,
    started_at BIGINT NOT NULL
  );
  CREATE INDEX pending_blobs_by_age ON pending_blobs (started_at);
  CREATE TABLE server_values (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 8: acting on a message, as SQLite's migration 8 (the new text is UTF-8 bytes, like content).
  `
  ALTER TABLE messages ADD COLUMN kind TEXT CHECK (kind IN ('recall', 'edit', 'hide'));
  ALTER TABLE messages ADD COLUMN target BIGINT;
  ALTER TABLE messages ADD COLUMN text BYTEA;
  ALTER TABLE messages ADD COLUMN reply_to TEXT;
  ALTER TABLE messages ADD COLUMN recalled BOOLEAN NOT NULL DEFAULT FALSE;
  ALTER TABLE messages ADD COLUMN edited_at BIGINT;
  ALTER TABLE messages ADD COLUMN forwarded BOOLEAN NOT NULL DEFAULT FALSE;
  ALTER TABLE copies ADD COLUMN hidden BOOLEAN NOT NULL DEFAULT FALSE;
  CREATE INDEX copies_by_message ON copies (message_id);
  CREATE INDEX files_by_blob ON files (blob_key);
  `,
  // 9 (follows issue 15's migration 8, message actions): as SQLite's 9.
  recordStateMigration,
  // 10 (issue 15 numbers it after the actions' 8 and the records' 9): the search index.
  searchMigration,
  // 11 (issue 17): the batch write of plain text sends, one round trip per batch.
  sendBatchMigration,
  // 12 (issue 17): store_sends updates each record once per batch, in two statements per batch.
  sendBatchRecordsMigration,
  // 13 (issue 17): store_sends finds a record's first copy by copies' key, not by a join.
  sendBatchFirstCopyMigration,
  // 14 (issue 17): a batch in one round trip (write_sends), records locked without a new version.
  writeSendsMigration,
];

export const schemaVersion = migrations.length;

export async function migrate(client: PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM schema_migrations',
    );
    const current = rows[0]?.version ?? 0;
    if (current > schemaVersion) {
      throw new Error(
        `The database has schema version ${current}, newer than this server's ${schemaVersion}; upgrade the server.`,
      );
    }
    for (let version = current; version < schemaVersion; version++) {
      const step = migrations[version]!;
      if (typeof step === 'string') await client.query(step);
      else await step(client);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
