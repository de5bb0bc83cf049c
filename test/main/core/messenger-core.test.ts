// The client core against a real server: sign-in, round trips, offline start, outbox
// delivery across a server outage, catch-up, and failed sends.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nameKey } from '../../../protocol/schemas.js';
import { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { limits } from '../../../protocol/limits.js';
import { profilePaths } from '../../../main/core/profile.js';
import { postJson } from '../../support/clients.js';
import { eventually, testPassword as password, useServerAndCores, type TestCore } from '../../support/cores.js';
import { startTestServer } from '../../support/server.js';

describe('client core', () => {
  const world = useServerAndCores();
  const { reopen } = world;
  const signedUp = () => world.signedUp('core');

  const history = async (core: TestCore, who: number) =>
    (await core.call('loadHistory', { who, limit: 200 })).messages as Array<{
      content: string;
      state: string;
      seq: number | null;
    }>;

  it('sends and receives between two signed-in cores', async () => {
    const alice = await signedUp();
    const bob = await signedUp();
    const sent = await alice.core.call('send', { to: bob.id, content: 'hello bob' });
    expect(sent).toMatchObject({ state: 'sending', id: null, content: 'hello bob' });
    await eventually(async () => (await history(bob.core, alice.id)).some((m) => m.content === 'hello bob'));
    await eventually(async () => (await history(alice.core, bob.id)).every((m) => m.state === 'sent'));
    // The copy reaches the cached history before the chat list is saved and announced.
    await eventually(() => bob.core.last('unreadTotal') === 1, 'the unread total to reach 1');
    expect((await bob.core.call('snapshot')).chats[0]).toMatchObject({ who: alice.id, unread: 1 });
  });

  it("keeps the profile its owner's only: new files 0600, folders 0700, older 0644 ones tightened on open", async () => {
    const alice = await signedUp();
    const bob = await signedUp();
    await alice.core.call('send', { to: bob.id, content: 'private' });
    await eventually(async () => (await history(alice.core, bob.id)).every((m) => m.state === 'sent'));
    const modes = (root: string) =>
      (fs.readdirSync(root, { recursive: true }) as string[]).map((name) => {
        const stat = fs.statSync(path.join(root, name));
        return [name, stat.isDirectory() ? 'dir' : 'file', (stat.mode & 0o777).toString(8)];
      });
    // No safeStorage here (as in the Chromium shell): the window is told the token is plain.
    expect((await alice.core.call('snapshot')).about.sessionKept).toBe('plain');
    const written = modes(alice.core.profileDir);
    expect(written.map(([name]) => name)).toEqual(expect.arrayContaining(['account.json', 'session-token']));
    for (const [name, kind, mode] of written) expect(mode, name).toBe(kind === 'dir' ? '700' : '600');

    await world.close(alice.core);
    fs.chmodSync(alice.core.profileDir, 0o755);
    fs.chmodSync(path.join(alice.core.profileDir, 'account.json'), 0o644);
    await world.open(alice.core.profileDir);
    expect((fs.statSync(alice.core.profileDir).mode & 0o777).toString(8)).toBe('700');
    expect((fs.statSync(path.join(alice.core.profileDir, 'account.json')).mode & 0o777).toString(8)).toBe('600');
  });

  it('gives up on an outbox message the server drops the connection for, twice, and delivers the next', async () => {
    const alice = await signedUp();
    const bob = await signedUp();
    await world.close(alice.core);
    // Left by a version that took any length: the server drops a socket whose packet is past its limit.
    const huge = 'x'.repeat(limits.maxPacketBytes + 1);
    const item = (clientId: string, content: string) => ({
      clientId,
      to: bob.id,
      content,
      createdAt: 1,
      state: 'sending',
    });
    const userDir = profilePaths(alice.core.profileDir).userDir(world.server.url, alice.id);
    fs.writeFileSync(
      path.join(userDir, 'outbox.json'),
      JSON.stringify({ version: 1, items: [item('huge-one', huge), item('after-it', 'small')] }),
    );
    const back = await world.open(alice.core.profileDir);
    await eventually(async () => (await history(bob.core, alice.id)).some((m) => m.content === 'small'), 'the next');
    const mine = (await back.call('loadHistory', { who: bob.id })).messages as Array<{
      clientId: string;
      state: string;
      failure?: { code: string };
    }>;
    expect(mine.map((m) => [m.clientId, m.state, m.failure?.code])).toEqual([
      ['after-it', 'sent', undefined],
      ['huge-one', 'failed', 'connection_dropped'],
    ]);
    expect((await history(bob.core, alice.id)).map((m) => m.content)).toEqual(['small']);
  });

  it('sends what a damaged outbox still holds and tells the window what was lost, until sign-out', async () => {
    const alice = await signedUp();
    const bob = await signedUp();
    await world.close(alice.core);
    const item = (clientId: string, content: string) => ({
      clientId,
      to: bob.id,
      content,
      createdAt: 1,
      state: 'sending',
    });
    const userDir = profilePaths(alice.core.profileDir).userDir(world.server.url, alice.id);
    fs.writeFileSync(
      path.join(userDir, 'outbox.json'),
      JSON.stringify({ version: 1, items: [item('kept-one', 'still whole'), item('broken id!', 'half of it')] }),
    );
    const back = await world.open(alice.core.profileDir);
    const told = { kept: 1, lost: [{ to: bob.id, content: 'half of it' }], unreadable: false };
    // Found while the profile opened, before any window listened: the snapshot carries it.
    expect((await back.call('snapshot')).outboxRecovery).toEqual(told);
    await eventually(async () => (await history(bob.core, alice.id)).some((m) => m.content === 'still whole'));

    await back.call('logout');
    expect(back.last('outboxRecovery')).toBeNull();
    expect((await back.call('snapshot')).outboxRecovery).toBeNull();
  });

  it("removes the account's chats and outbox from the profile when signing out asks to, and only then", async () => {
    const alice = await signedUp();
    const bob = await signedUp();
    await alice.core.call('send', { to: bob.id, content: 'on this computer' });
    await eventually(async () => (await history(alice.core, bob.id)).every((m) => m.state === 'sent'));
    const aliceDir = profilePaths(alice.core.profileDir).userDir(world.server.url, alice.id);
    const bobDir = profilePaths(bob.core.profileDir).userDir(world.server.url, bob.id);
    expect(listFiles(aliceDir).map((file) => path.relative(aliceDir, file))).toEqual(
      expect.arrayContaining(['chats.json', 'outbox.json']),
    );
    await eventually(() => fs.existsSync(bobDir) && listFiles(bobDir).length > 0);

    await alice.core.call('logout', { removeCache: true });
    expect(fs.existsSync(aliceDir)).toBe(false);
    expect(alice.core.log.at('info')).toContain(
      `removed the cache of user ${alice.id} on ${new URL(world.server.url).host}`,
    );
    expect(listFiles(alice.core.profileDir).map((file) => path.basename(file))).not.toContain('chats.json');
    // The profile's own files stay: the settings, and where the log is.
    expect(fs.existsSync(path.join(alice.core.profileDir, 'account.json'))).toBe(true);

    await bob.core.call('logout', { removeCache: false });
    expect(listFiles(bobDir).length).toBeGreaterThan(0);
  });

  it('opens from the cache with no server: chats and history are there', async () => {
    const alice = await signedUp();
    const bob = await signedUp();
    await alice.core.call('send', { to: bob.id, content: 'kept for later' });
    await eventually(async () => (await history(bob.core, alice.id)).length === 1);
    await world.server.close();
    const offline = await reopen(bob.core);
    const snapshot = await offline.call('snapshot');
    expect(snapshot.account.user.id).toBe(bob.id);
    expect(snapshot.connection).not.toBe('online');
    expect(snapshot.chats.map((c: { who: number }) => c.who)).toEqual([alice.id]);
    expect((await history(offline, alice.id)).map((m) => m.content)).toEqual(['kept for later']);
    world.server = await startTestServer({ port: world.server.port, dataDir: world.server.dataDir });
  });

  it('delivers messages written while the server was down, once, after it comes back', async () => {
    const alice = await signedUp();
    const bob = await signedUp();
    const { port, dataDir } = world.server;
    await world.server.close();
    await eventually(() => alice.core.last('connection') === 'offline');
    for (const content of ['one', 'two', 'three']) await alice.core.call('send', { to: bob.id, content });
    expect((await history(alice.core, bob.id)).map((m) => m.state)).toEqual(['sending', 'sending', 'sending']);
    world.server = await startTestServer({ port, dataDir });
    await eventually(async () => (await history(bob.core, alice.id)).length === 3, 'delivery');
    expect((await history(bob.core, alice.id)).map((m) => [m.content, m.seq])).toEqual([
      ['one', 1],
      ['two', 2],
      ['three', 3],
    ]);
    await eventually(async () => (await history(alice.core, bob.id)).every((m) => m.state === 'sent'));
  });

  it('catches up on what arrived while it was closed', async () => {
    const alice = await signedUp();
    const bob = await signedUp();
    await alice.core.call('send', { to: bob.id, content: 'before' });
    await eventually(async () => (await history(bob.core, alice.id)).length === 1);
    await world.close(bob.core);
    for (let i = 0; i < 5; i++) await alice.core.call('send', { to: bob.id, content: `while away ${i}` });
    await eventually(async () => (await history(alice.core, bob.id)).filter((m) => m.state === 'sent').length === 6);
    const back = await world.open(bob.core.profileDir);
    await eventually(async () => (await history(back, alice.id)).length === 6, 'catch-up');
    expect((await history(back, alice.id)).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    // The copies reach the cache before catch-up hands over the new chat list.
    await back.waitFor((e) => e.event === 'unreadTotal' && e.payload === 6);
  });

  it('drops a chat deleted from another device and replaces a recreated one', async () => {
    const alice = await signedUp();
    const bob = await signedUp();
    await alice.core.call('send', { to: bob.id, content: 'first life' });
    await eventually(async () => (await history(bob.core, alice.id)).length === 1);
    await world.close(bob.core);
    // Bob's other device deletes the chat, then Alice writes again: a new record for Bob.
    const login = await postJson(`${world.server.url}/api/login`, { name: bob.name, password });
    const other = await world.open();
    await other.call('login', { serverUrl: world.server.url, name: bob.name, password });
    await eventually(() => other.last('connection') === 'online');
    await other.call('deleteChat', { who: alice.id });
    await alice.core.call('send', { to: bob.id, content: 'second life' });
    expect(login.status).toBe(200);
    const back = await world.open(bob.core.profileDir);
    await eventually(async () => (await history(back, alice.id)).map((m) => m.content).join() === 'second life');
    expect((await history(back, alice.id))[0]!.seq).toBe(1);
    // The renderer must drop the old history before it is given the new record's messages.
    const reset = back.events.findIndex((e) => e.event === 'historyReset' && e.payload.who === alice.id);
    const fresh = back.events.findIndex(
      (e) => e.event === 'messages' && e.payload.messages.some((m: { content: string }) => m.content === 'second life'),
    );
    expect(reset).toBeGreaterThanOrEqual(0);
    expect(reset).toBeLessThan(fresh);
  });

  it('rebuilds corrupt cache files from the server instead of failing', async () => {
    const alice = await signedUp();
    const bob = await signedUp();
    for (const content of ['a', 'b', 'c']) await alice.core.call('send', { to: bob.id, content });
    await eventually(async () => (await history(bob.core, alice.id)).length === 3);
    await world.close(bob.core);
    const cacheFiles = listFiles(path.join(bob.core.profileDir, 'users')).filter(
      (file) => file.endsWith('.json') && !file.endsWith('outbox.json'),
    );
    expect(cacheFiles.length).toBeGreaterThanOrEqual(2);
    cacheFiles.forEach((file, i) =>
      fs.writeFileSync(file, i % 2 ? '{"version": 1, "chats": [{"trunc' : '\u0000garbage'),
    );
    const back = await world.open(bob.core.profileDir);
    await eventually(async () => (await history(back, alice.id)).map((m) => m.content).join() === 'a,b,c', 'rebuild');
    expect((await back.call('snapshot')).chats.map((c: { who: number }) => c.who)).toEqual([alice.id]);
  });

  it('pages through more than one page of users and of chat records, and catches up on the last page', async () => {
    const carol = await signedUp();
    const { port, dataDir } = world.server;
    await world.server.close();
    await eventually(() => carol.core.last('connection') === 'offline');
    // More users and records than one page holds (500), written straight into the server's store.
    const store = new SqliteStore(dataDir);
    const names = Array.from({ length: 520 }, (_, i) => `paged-${String(i).padStart(3, '0')}`);
    const others = await Promise.all(names.map((name) => store.createUser(name, nameKey(name), 'x', 1)));
    await Promise.all(others.slice(0, 510).map((peer) => store.openChat(carol.id, peer!.id, 1)));
    const last = others[509]!;
    await store.sendMessage(
      { from: last.id, to: carol.id, clientId: 'on-page-two', content: 'beyond the first page', date: 2 },
      { receiverViewing: () => false, admit: () => true },
    );
    await store.close();
    world.server = await startTestServer({ port, dataDir });

    const chats = await eventually(async () => {
      const listed = (await carol.core.call('snapshot')).chats as Array<{ who: number }>;
      return listed.length === 510 ? listed : undefined;
    }, 'catch-up through two pages');
    expect(new Set(chats.map((chat) => chat.who))).toEqual(new Set(others.slice(0, 510).map((user) => user!.id)));
    expect((await history(carol.core, last.id)).map((m) => m.content)).toEqual(['beyond the first page']);
    const users: Array<{ id: number }> = await carol.core.call('listUsers');
    expect(users.map((user) => user.id)).toEqual(expect.arrayContaining(others.map((user) => user!.id)));
    expect(users).toHaveLength(520);
  });

  it('ends in unauthorized, not offline, when the session is ended from elsewhere', async () => {
    const alice = await signedUp();
    const saved = JSON.parse(fs.readFileSync(path.join(alice.core.profileDir, 'session-token'), 'utf8'));
    const response = await fetch(`${world.server.url}/api/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${saved.token}` },
    });
    expect(response.status).toBe(204);
    await alice.core.waitFor((e) => e.event === 'connection' && e.payload === 'unauthorized');
  });

  it('marks a message the server refuses as failed, and lets the user retry or discard it', async () => {
    const alice = await signedUp();
    const bob = await signedUp();
    // Only whitespace: the IPC takes it, the server's content rules refuse it.
    const sent = await alice.core.call('send', { to: bob.id, content: '   ' });
    const failed = await eventually(async () =>
      (await history(alice.core, bob.id)).find((m: any) => m.clientId === sent.clientId && m.state === 'failed'),
    );
    expect((failed as any).failure.code).toBe('bad_request');
    await alice.core.call('retry', { clientId: sent.clientId });
    await eventually(async () => (await history(alice.core, bob.id)).some((m) => m.state === 'failed'));
    await alice.core.call('discard', { clientId: sent.clientId });
    expect(await history(alice.core, bob.id)).toEqual([]);
    await expect(alice.core.call('discard', { clientId: sent.clientId })).rejects.toMatchObject({ code: 'not_found' });
  });
});

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}
