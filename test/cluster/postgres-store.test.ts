// What the PostgreSQL store adds to the shared suite: a failure injected in the database
// stores neither copy, concurrent sends from both sides and several devices keep both records
// gap-free (no deadlock), and nodes starting together migrate once. Runs in the cluster run only.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/contract.js';
import { schemaVersion } from '../../server/store/postgres/migrations.js';
import { PostgresStore } from '../../server/store/postgres/postgres-store.js';
import { numbered, sharedSql } from '../../server/store/sql/statements.js';
import { request } from '../support/clients.js';
import {
  chatWith,
  clearLogs,
  devicesOf,
  fullHistory,
  newClientId,
  ok,
  send,
  snapshot,
} from '../support/chat-helpers.js';
import { checkAccountAdministration } from '../support/account-admin-checks.js';
import { checkPairRecords, readRecord, type SentMessage } from '../support/records.js';
import { tempDir } from '../support/server.js';
import { World } from '../support/world.js';

async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL store', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('stores both copies or neither when PostgreSQL fails mid-send, and that send does not count', async () => {
    world = await World.start({ sendRate: 2 });
    const url = world.server.dbUrl!;
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    await send(alice.socket, bob.id, 'stored');
    const bobChat = (await chatWith(bob.socket, alice.id))!;
    const everyone = devicesOf(alice, bob);
    await world.delivered(everyone);
    const before = await snapshot([alice, bob]);
    clearLogs(everyone);

    // The receiver's copy fails after the message row and the sender's copy were written.
    await sql(
      url,
      `CREATE FUNCTION fail_copy() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.chat_id = ${bobChat.id} THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`,
    );
    await sql(
      url,
      'CREATE TRIGGER fail_receiver_copy BEFORE INSERT ON copies FOR EACH ROW EXECUTE FUNCTION fail_copy()',
    );
    const clientId = newClientId();
    const ack = await request(alice.socket, 'message:send', { to: bob.id, clientId, content: 'half' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'internal' } });
    await world.delivered(everyone);
    for (const device of everyone) expect(device.log.events).toEqual([]);
    expect(await snapshot([alice, bob])).toEqual(before);
    await sql(url, 'DROP TRIGGER fail_receiver_copy ON copies');

    // The clientId was not taken, and the failed send used no slot of the limit (2 per 10 s).
    const retried = await send(alice.socket, bob.id, 'half', clientId);
    expect(retried).toMatchObject({ clientId, content: 'half', seq: 2 });
    expect((await fullHistory(bob.socket, alice.id)).map((m) => [m.seq, m.content])).toEqual([
      [1, 'stored'],
      [2, 'half'],
    ]);
  });

  it('keeps both records gap-free under concurrent sends from both sides on both nodes', async () => {
    world = await World.start({ sendRate: 0 });
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const lanes = [
      alice.socket,
      (await world.addDevice(alice)).socket,
      bob.socket,
      (await world.addDevice(bob)).socket,
    ];
    const owners = [alice.id, alice.id, bob.id, bob.id];
    const sent: SentMessage[] = [];
    const acked: Message[] = [];
    await Promise.all(
      lanes.map(async (socket, lane) => {
        for (let i = 0; i < 40; i++) {
          const from = owners[lane]!;
          const to = from === alice.id ? bob.id : alice.id;
          const clientId = newClientId(`l${lane}`);
          const content = `lane ${lane} #${i}`;
          sent.push({ from, clientId, content });
          const answer = await request(socket, 'message:send', { to, clientId, content });
          expect(answer.ok, JSON.stringify(answer)).toBe(true);
          acked.push(answer.message as Message);
        }
      }),
    );
    const records: [Message[], Message[]] = [
      await readRecord(alice.socket, bob.id),
      await readRecord(bob.socket, alice.id),
    ];
    expect(records[0]).toHaveLength(160);
    checkPairRecords({ owners: [alice.id, bob.id], records, sent, acked });
  });

  it('stores one message when two devices on two nodes send the same clientId at once', async () => {
    world = await World.start();
    const alice = await world.person('alice');
    const phone = await world.addDevice(alice);
    const bob = await world.person('bob');
    const clientId = newClientId();
    const [a, b] = await Promise.all([
      ok(alice.socket, 'message:send', { to: bob.id, clientId, content: 'once' }),
      ok(phone.socket, 'message:send', { to: bob.id, clientId, content: 'once' }),
    ]);
    expect(a.message).toEqual(b.message);
    expect(await fullHistory(bob.socket, alice.id)).toHaveLength(1);
  });

  it('migrates once when nodes start together, and reopens without migrating again', async () => {
    world = await World.start();
    const admin = world.server.dbUrl!;
    const database = `m_${Date.now()}_${process.pid}`;
    await sql(admin, `CREATE DATABASE ${database}`);
    const url = Object.assign(new URL(admin), { pathname: `/${database}` }).href;
    const stores = await Promise.all([1, 2, 3].map(() => PostgresStore.open(url, { poolSize: 2 })));
    try {
      const versions = Array.from({ length: schemaVersion }, (_, i) => ({ version: i + 1 }));
      expect(await sql(url, 'SELECT version FROM schema_migrations ORDER BY version')).toEqual(versions);
      const user = await stores[0]!.createUser('Ann', 'ann', 'hash', Date.now());
      expect(await stores[2]!.getUser(user!.id)).toEqual({ id: user!.id, name: 'Ann', state: 'active' });
      expect(await stores[1]!.createUser('ANN', 'ann', 'hash', Date.now())).toBeNull();
      // A name that only looks like Ann's (Cyrillic А) is taken too: the skeleton column is there.
      expect(await stores[1]!.createUser('\u0410nn', '\u0430nn', 'hash', Date.now())).toBeNull();
      const again = await PostgresStore.open(url, { poolSize: 1 });
      await again.close();
      expect(await sql(url, 'SELECT count(*)::int AS n FROM schema_migrations')).toEqual([{ n: schemaVersion }]);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('lists, changes and logs accounts as SQLite does, never leaving no active admin', async () => {
    world = await World.start();
    const database = `a_${Date.now()}_${process.pid}`;
    await sql(world.server.dbUrl!, `CREATE DATABASE ${database}`);
    const url = Object.assign(new URL(world.server.dbUrl!), { pathname: `/${database}` }).href;
    // Two connections: two admins demoting each other really run at once.
    const store = await PostgresStore.open(url, { poolSize: 2 });
    try {
      await checkAccountAdministration(store);
    } finally {
      await store.close();
    }
  });

  it('spends each invite use once across nodes, makes one first admin, and gives roles to existing users', async () => {
    world = await World.start();
    const admin = world.server.dbUrl!;
    const database = `r_${Date.now()}_${process.pid}`;
    await sql(admin, `CREATE DATABASE ${database}`);
    const url = Object.assign(new URL(admin), { pathname: `/${database}` }).href;
    const stores = await Promise.all([1, 2].map(() => PostgresStore.open(url, { poolSize: 4 })));
    try {
      const [a, b] = stores as [PostgresStore, PostgresStore];
      await a.createInvite({ codeHash: 'one', uses: 1, expiresAt: null, createdBy: null, now: 1 });
      await a.createInvite({ codeHash: 'two', uses: 2, expiresAt: 100, createdBy: null, now: 1 });
      // Racing on two nodes for one use: one account, and it is the first, so the admin.
      const raced = await Promise.allSettled([
        a.createUser('Ann', 'ann', 'h', 2, { inviteHash: 'one' }),
        b.createUser('Bob', 'bob', 'h', 2, { inviteHash: 'one' }),
      ]);
      expect(raced.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      const [winner] = await a.accounts(0, 1000);
      expect(winner?.role).toBe('admin');
      // A taken name (whichever won the race) gives the use back; an expired code is refused;
      // --admin makes an admin.
      const taken = winner!.name.toLowerCase();
      expect(await b.createUser(taken.toUpperCase(), taken, 'h', 3, { inviteHash: 'two' })).toBeNull();
      await expect(b.createUser('Cy', 'cy', 'h', 100, { inviteHash: 'two' })).rejects.toThrow('invite refused');
      expect(await b.createUser('Cy', 'cy', 'h', 3, { inviteHash: 'two', adminKey: 'cy' })).toMatchObject({
        role: 'admin',
      });
      expect(await b.createUser('Di', 'di', 'h', 3, { inviteHash: 'two' })).toMatchObject({ role: 'member' });
      await expect(b.createUser('Ed', 'ed', 'h', 3, { inviteHash: 'two' })).rejects.toThrow('invite refused');
      expect(await a.promoteAdmin('di')).toBe(true);
      expect(await a.promoteAdmin('nobody')).toBe(false);
      expect((await a.accounts(0, 1000)).map((user) => user.role)).toEqual(['admin', 'admin', 'admin']);
      // Migration 4 on a database from before it (11 to 4 undone): the lowest id becomes the admin.
      await sql(
        url,
        `DROP FUNCTION write_sends, store_sends, store_sends_seen;
        DROP FUNCTION message_search_text(bytea) CASCADE;
        ALTER TABLE chats DROP COLUMN pinned_at, DROP COLUMN muted, DROP COLUMN marked_unread,
          DROP COLUMN peer_read_id;
        ALTER TABLE users DROP COLUMN read_receipts; DROP INDEX messages_by_pair;
        ALTER TABLE messages DROP COLUMN kind, DROP COLUMN target, DROP COLUMN text, DROP COLUMN reply_to,
          DROP COLUMN recalled, DROP COLUMN edited_at, DROP COLUMN forwarded;
        ALTER TABLE copies DROP COLUMN hidden; DROP INDEX copies_by_message;
        DROP TABLE files, avatars, trashed_blobs, server_values, pending_blobs;
        ALTER TABLE users DROP COLUMN avatar; ALTER TABLE messages DROP COLUMN attachments;
        DROP INDEX chats_by_peer; DROP TABLE account_changes;
        ALTER TABLE users DROP COLUMN state, DROP COLUMN last_seen_at;
        ALTER TABLE sessions DROP COLUMN id, DROP COLUMN device, DROP COLUMN last_used_at;
        DROP TABLE invites; ALTER TABLE users DROP COLUMN role; DELETE FROM schema_migrations WHERE version >= 4`,
      );
      const reopened = await PostgresStore.open(url, { poolSize: 1 });
      expect((await reopened.accounts(0, 1000)).map((user) => user.role)).toEqual(['admin', 'member', 'member']);
      await reopened.close();
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('pages users by name key code point by code point in any database collation, and both lists by index', async () => {
    world = await World.start();
    const admin = world.server.dbUrl!;
    // A database whose own collation sorts 'é' beside 'e', as most production ones do.
    const database = `p_${Date.now()}_${process.pid}`;
    await sql(
      admin,
      `CREATE DATABASE ${database} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'`,
    );
    const url = Object.assign(new URL(admin), { pathname: `/${database}` }).href;
    const store = await PostgresStore.open(url, { poolSize: 2 });
    try {
      const ids = new Map<string, number>();
      for (const name of ['zed', 'Émile', 'natalie', 'Bob', 'eve']) {
        ids.set(name, (await store.createUser(name, name.toLowerCase(), 'hash', 1))!.id);
      }
      const keys = async (after: string | null, count: number) =>
        (await store.listUsers(after, count)).map((user) => user.nameKey);
      expect(await keys(null, 10)).toEqual(['bob', 'eve', 'natalie', 'zed', 'émile']);
      expect(await keys('eve', 2)).toEqual(['natalie', 'zed']);
      expect(await keys('zed', 2)).toEqual(['émile']);

      const owner = ids.get('Bob')!;
      for (const name of ['zed', 'Émile', 'natalie', 'eve']) await store.openChat(owner, ids.get(name)!, 1);
      const first = await store.listChats(owner, 0, 3);
      expect(first.map((chat) => chat.name)).toEqual(['zed', 'Émile', 'natalie']);
      expect((await store.listChats(owner, first.at(-1)!.id, 3)).map((chat) => chat.name)).toEqual(['eve']);

      // Tiny tables are read whole and sorted; with those paths priced out, the plans show an
      // index serves each page in its order (a Sort would remain if none could).
      const plan = async (text: string, values: unknown[]) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query('SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off');
          const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${numbered(text)}`, values);
          return rows.map((row) => row['QUERY PLAN']).join('\n');
        } finally {
          await client.end();
        }
      };
      expect(
        await plan(`SELECT id FROM users WHERE name_key COLLATE "C" > ? ORDER BY name_key COLLATE "C" LIMIT ?`, [
          'a',
          5,
        ]),
      ).toMatch(/Index Scan using users_by_name_key/);
      expect(await plan(sharedSql.listChats, [owner, 0, 5])).toMatch(/Index (Only )?Scan using chats_by_owner_id/);
      expect(await plan(sharedSql.listChats, [owner, 0, 5])).not.toMatch(/Sort/);
    } finally {
      await store.close();
    }
  });

  it('answers the first message after every node restarts', async () => {
    const dataDir = tempDir();
    world = await World.start({ dataDir });
    const alice = await world.person('alice');
    const bob = await world.person('bob');
    const clientId = newClientId();
    const first = await send(alice.socket, bob.id, 'before', clientId);
    await world.close();
    world = await World.start({ dataDir });
    const again = await world.device(alice.token);
    expect(await request(again.socket, 'message:send', { to: bob.id, clientId, content: 'after' })).toEqual({
      ok: true,
      message: first,
    });
  });

  it('keeps sessions (cap, idle rule, touch, pruning, ending) and renames and deletes accounts', async () => {
    world = await World.start();
    const admin = world.server.dbUrl!;
    const database = `s_${Date.now()}_${process.pid}`;
    await sql(admin, `CREATE DATABASE ${database}`);
    const url = Object.assign(new URL(admin), { pathname: `/${database}` }).href;
    const store = await PostgresStore.open(url, { poolSize: 2 });
    try {
      const ann = (await store.createUser('Ann', 'ann', 'h1', 1))!;
      const bob = (await store.createUser('Bob', 'bob', 'h2', 1))!;
      const session = (n: number, userId = ann.id) => ({
        tokenHash: `t${userId}_${n}`,
        id: `s${userId}_${n}`,
        userId,
        device: `d${n}`,
        now: 10 + n,
      });
      // The cap: a third session with keep = 2 ends the least recently used (t_1).
      expect(await store.saveSession(session(1), 2)).toEqual([]);
      expect(await store.saveSession(session(2), 2)).toEqual([]);
      await store.touchSession(`t${ann.id}_1`, ann.id, 50);
      expect(await store.saveSession(session(3), 2)).toEqual([`t${ann.id}_2`]);
      expect(await store.listSessions(ann.id, 10)).toEqual([
        { id: `s${ann.id}_1`, device: 'd1', createdAt: 11, lastUsedAt: 50 },
        { id: `s${ann.id}_3`, device: 'd3', createdAt: 13, lastUsedAt: 13 },
      ]);
      expect(await sql(url, 'SELECT last_seen_at::int AS at FROM users WHERE id = $1', [ann.id])).toEqual([{ at: 50 }]);
      // The idle rule, and a touch never moves the last use back.
      expect(await store.findSession(`t${ann.id}_1`, 50)).toEqual({
        userId: ann.id,
        userName: ann.name,
        sessionId: `s${ann.id}_1`,
        lastUsedAt: 50,
      });
      expect(await store.findSession(`t${ann.id}_1`, 51)).toBeNull();
      await store.touchSession(`t${ann.id}_1`, ann.id, 20);
      expect(await store.findSession(`t${ann.id}_1`, 50)).not.toBeNull();
      // Ending by id: only the owner's.
      expect(await store.endSession(bob.id, `s${ann.id}_3`)).toBeNull();
      expect(await store.endSession(ann.id, `s${ann.id}_3`)).toBe(`t${ann.id}_3`);
      await store.saveSession(session(4), 100);
      await store.saveSession(session(5), 100);
      expect((await store.endOtherSessions(ann.id, `t${ann.id}_5`)).sort()).toEqual([`t${ann.id}_1`, `t${ann.id}_4`]);
      // Pruning in batches.
      for (let n = 1; n <= 5; n++) await store.saveSession(session(n, bob.id), 100);
      expect(await store.pruneSessions(14, 2)).toBe(2);
      expect(await store.pruneSessions(14, 2)).toBe(1);
      expect(await store.pruneSessions(14, 2)).toBe(0);
      expect((await store.listSessions(bob.id, 10)).map((s) => s.id)).toEqual([`s${bob.id}_5`, `s${bob.id}_4`]);
      // A deactivated user's sessions are not found.
      await sql(url, "UPDATE users SET state = 'deactivated' WHERE id = $1", [bob.id]);
      expect(await store.findSession(`t${bob.id}_5`, 0)).toBeNull();
      expect(await store.credentialsOf(bob.id)).toBeNull();
      await sql(url, "UPDATE users SET state = 'active' WHERE id = $1", [bob.id]);

      // Rename: the key stays, a taken or look-alike name is refused.
      expect(await store.rename(ann.id, 'BOB', 'bob')).toBe('taken');
      expect(await store.rename(ann.id, 'B\u043eb', 'b\u043eb')).toBe('taken');
      expect(await store.rename(ann.id, 'Anna', 'anna')).toBe('renamed');
      expect(await store.findLogin('ann')).toMatchObject({ user: { id: ann.id, name: 'Anna' } });
      expect(await store.createUser('anna', 'anna', 'h', 2)).toBeNull();

      // A send reads the names as they are now.
      const judge = { receiverViewing: () => false, admit: () => true };
      const sent = await store.sendMessage(
        { from: ann.id, to: bob.id, clientId: 'c1', content: 'hi', date: 60 },
        judge,
      );
      expect(sent.kind === 'stored' && sent.receiver.message.name).toBe('Anna');
      expect(await store.peerOwners(ann.id, 0, 10)).toEqual([bob.id]);
      expect(await store.peerOwners(ann.id, bob.id, 10)).toEqual([]);

      // Delete: state, released name, own records and sessions gone, the peer's record kept. Ann,
      // the first user, is the admin: never deleted while the only one.
      expect(await store.deleteAccount(ann.id, 'Deleted user', 80)).toBeNull();
      expect(await store.setRole(bob.id, 'admin')).toMatchObject({ kind: 'updated' });
      expect(await store.deleteAccount(ann.id, 'Deleted user', 80)).toEqual([`t${ann.id}_5`]);
      expect(await store.deleteAccount(ann.id, 'Deleted user', 80)).toBeNull();
      expect(await store.listChats(ann.id, 0, 10)).toEqual([]);
      const [kept] = await store.listChats(bob.id, 0, 10);
      expect(kept).toMatchObject({ who: ann.id, name: 'Deleted user', last: { name: 'Deleted user', content: 'hi' } });
      expect(await store.findLogin('ann')).toBeNull();
      expect(await store.createUser('Ann', 'ann', 'h', 70)).toMatchObject({ name: 'Ann' });
      expect(await store.createUser('Anna', 'anna', 'h', 70)).toMatchObject({ name: 'Anna' });
    } finally {
      await store.close();
    }
  });
});
