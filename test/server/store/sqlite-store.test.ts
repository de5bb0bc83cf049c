// The SQLite store below the chat service: group commit, atomic dual writes, migrations.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFileName, SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { maxBatchCalls } from '../../../server/store/sqlite/group-commit.js';
import { schemaVersion } from '../../../server/store/sqlite/migrations.js';
import { sql } from '../../../server/store/sqlite/statements.js';
import { databaseFiles } from '../../../server/store/sqlite/private-data.js';
import type { SendJudgement } from '../../../server/store/store.js';
import { storeWithPair } from '../../support/sqlite-pair.js';
import { tempDir } from '../../support/server.js';

const judge = (viewing = false): SendJudgement => ({ receiverViewing: () => viewing, admit: () => true });

describe('SqliteStore', () => {
  let dir: string;
  let store: SqliteStore;
  let alice: number;
  let bob: number;

  beforeEach(async () => {
    ({ dir, store, alice, bob } = await storeWithPair());
  });
  afterEach(() => store.close());

  const send = (clientId: string, from = alice, to = bob, content = clientId) =>
    store.sendMessage({ from, to, clientId, content, date: 1000 }, judge());

  it('commits sends that arrive together in one transaction, in order', async () => {
    const before = store.commitCount;
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => send(`c${i}`)));
    expect(store.commitCount - before).toBe(1);
    expect(outcomes.map((o) => (o.kind === 'stored' ? o.sender.message.seq : 0))).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  });

  it('commits at most maxBatchCalls calls per transaction, in order', async () => {
    const sends = 2 * maxBatchCalls + 44;
    const before = store.commitCount;
    // Each send settles right after the commit that holds it, before the next batch runs.
    const commitOf: number[] = [];
    const outcomes = await Promise.all(
      Array.from({ length: sends }, (_, i) =>
        send(`b${i}`).then((outcome) => {
          commitOf.push(store.commitCount);
          return outcome;
        }),
      ),
    );
    expect(store.commitCount - before).toBe(3);
    const batchSizes = [...new Set(commitOf)].map((c) => commitOf.filter((other) => other === c).length);
    expect(batchSizes).toEqual([maxBatchCalls, maxBatchCalls, 44]);
    expect(outcomes.map((o) => (o.kind === 'stored' ? o.sender.message.seq : 0))).toEqual(
      Array.from({ length: sends }, (_, i) => i + 1),
    );
  });

  it('pages users by name key and chats by owner through an index, not a scan', () => {
    const db = new Database(path.join(dir, databaseFileName), { readonly: true });
    try {
      const plan = (text: string) =>
        (
          db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(
            ...text
              .split('?')
              .slice(1)
              .map(() => 1),
          ) as Array<{
            detail: string;
          }>
        )
          .map((row) => row.detail)
          .join('; ');
      expect(plan(sql.listUsers)).toMatch(/^SEARCH users USING INDEX \S+ \(name_key>\?\)/);
      expect(plan(sql.listChats)).toMatch(/SEARCH c USING (COVERING )?INDEX chats_by_owner_id \(owner=\? AND id>\?\)/);
      expect(plan(sql.listChats)).not.toMatch(/TEMP B-TREE/);
    } finally {
      db.close();
    }
  });

  it('keeps a failing call from undoing its neighbours in the same batch', async () => {
    const results = await Promise.allSettled([send('a'), send('b', alice, 9999), send('c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const page = await store.history(bob, alice, { limit: 10 });
    expect(page.messages.map((m) => m.clientId)).toEqual(['a', 'c']);
    expect(page.messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  it('writes both copies with one message id, each at its own record’s next seq', async () => {
    await store.deleteChat(bob, alice);
    await send('x');
    await store.deleteChat(bob, alice);
    const outcome = await send('y');
    if (outcome.kind !== 'stored') throw new Error(outcome.kind);
    expect(outcome.sender.message.seq).toBe(2);
    expect(outcome.receiver.message.seq).toBe(1);
    expect(outcome.receiver.message.id).toBe(outcome.sender.message.id);
    expect(outcome.receiver.chat.unread).toBe(1);
    expect(outcome.sender.chat.unread).toBe(0);
  });

  it('answers a repeated clientId with the first copy and stores nothing', async () => {
    const first = await send('same', alice, bob, 'first');
    await store.deleteChat(alice, bob);
    const again = await send('same', alice, bob, 'second');
    if (first.kind !== 'stored' || again.kind !== 'duplicate') throw new Error('unexpected outcomes');
    expect(again.first).toEqual(first.sender.message);
    expect((await store.history(bob, alice, { limit: 10 })).messages).toHaveLength(1);
    expect(await store.listChats(alice, 0, 500)).toEqual([]);
  });

  it('stores nothing when the send limit refuses', async () => {
    const outcome = await store.sendMessage(
      { from: alice, to: bob, clientId: 'r', content: 'r', date: 1 },
      { receiverViewing: () => false, admit: () => false },
    );
    expect(outcome.kind).toBe('refused');
    expect(await store.listChats(alice, 0, 500)).toEqual([]);
    expect(await store.listChats(bob, 0, 500)).toEqual([]);
  });

  it('keeps data across a reopen and does not migrate twice', async () => {
    await send('kept');
    await store.close();
    store = new SqliteStore(dir);
    expect((await store.history(alice, bob, { limit: 5 })).messages.map((m) => m.content)).toEqual(['kept']);
    const db = new Database(path.join(dir, databaseFileName), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(schemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses a database from a newer server instead of touching it', async () => {
    await store.close();
    const db = new Database(path.join(dir, databaseFileName));
    db.pragma(`user_version = ${schemaVersion + 1}`);
    db.close();
    const bytes = fs.readFileSync(path.join(dir, databaseFileName));
    expect(() => new SqliteStore(dir)).toThrow(/newer than this server/);
    expect(fs.readFileSync(path.join(dir, databaseFileName)).equals(bytes)).toBe(true);
    store = new SqliteStore(tempDir());
  });

  const modes = (dataDir: string) =>
    Object.fromEntries(
      ['.', ...databaseFiles(databaseFileName)].map((name) => [
        name,
        (fs.statSync(path.join(dataDir, name)).mode & 0o777).toString(8),
      ]),
    );
  const ownerOnly = {
    '.': '700',
    [databaseFileName]: '600',
    [`${databaseFileName}-wal`]: '600',
    [`${databaseFileName}-shm`]: '600',
  };

  it('creates its data folder 0700 and the database, WAL and shared-memory files 0600', async () => {
    const dataDir = path.join(tempDir(), 'data', 'nested');
    const fresh = new SqliteStore(dataDir);
    await fresh.createUser('Carol', 'carol', 'hash', 1);
    expect(modes(dataDir)).toEqual(ownerOnly);
    await fresh.close();
  });

  it('tightens a data folder left 0755 and database files left 0644 when it opens them', async () => {
    await store.createUser('Carol', 'carol', 'hash', 1);
    await store.close();
    fs.chmodSync(dir, 0o755);
    for (const name of databaseFiles(databaseFileName)) {
      if (fs.existsSync(path.join(dir, name))) fs.chmodSync(path.join(dir, name), 0o644);
    }
    store = new SqliteStore(dir);
    await store.createUser('Dave', 'dave', 'hash', 1);
    expect(modes(dir)).toEqual(ownerOnly);
  });

  it('refuses work after close', async () => {
    await store.close();
    await expect(send('late')).rejects.toThrow(/closed/);
    store = new SqliteStore(tempDir());
  });
});
