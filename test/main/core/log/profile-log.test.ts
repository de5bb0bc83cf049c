// The profile's log file of a core that meets a real server: it says what happened (sign-in,
// connection, a refused send, a corrupt cache file set aside) by ids and codes, and holds
// neither the session token nor a word of any message, even at debug level.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { logLevelFrom, openProfileLog } from '../../../../main/core/log/profile-log.js';
import { profilePaths } from '../../../../main/core/profile.js';
import type { ChatMessage } from '../../../../main/ipc/contract.js';
import { uniqueName } from '../../../support/clients.js';
import { testPassword, useServerAndCores, type TestCore } from '../../../support/cores.js';

const secrets = ['PELICAN-meet me at the old mill', 'PELICAN-the code is 4417', 'PELICAN-from bob, privately'];
// A lone surrogate: the IPC passes it on, the server refuses it (not well-formed Unicode).
const refusedContent = 'PELICAN-refused \uD800';

/** Resolves once `core` announces a message of `who`'s chat in `state` whose content starts with `start`. */
function announced(core: TestCore, who: number, start: string, state: ChatMessage['state']) {
  return core.waitFor(
    (e) =>
      e.event === 'messages' &&
      e.payload.who === who &&
      (e.payload.messages as ChatMessage[]).some((m) => m.content.startsWith(start) && m.state === state),
  );
}

describe('the profile log', () => {
  const world = useServerAndCores();

  it('tells what happened by ids and codes, and never the token nor a message', async () => {
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-profile-'));
    const paths = profilePaths(profileDir);
    const log = openProfileLog(paths.log, { env: { MESSENGER_LOG_LEVEL: 'debug' } });
    let alice = await world.open(profileDir, log.logger);
    const account = await alice.call('register', {
      serverUrl: world.server.url,
      name: uniqueName('alice'),
      password: testPassword,
    });
    await alice.waitFor((e) => e.event === 'connection' && e.payload === 'online');
    const token = (JSON.parse(fs.readFileSync(paths.token, 'utf8')) as { token: string }).token;
    const bob = await world.signedUp('bob');

    for (const content of secrets.slice(0, 2)) {
      const sent = announced(alice, bob.id, content, 'sent');
      await alice.call('send', { to: bob.id, content });
      await sent;
    }
    const refused = announced(alice, bob.id, 'PELICAN-refused', 'failed');
    await alice.call('send', { to: bob.id, content: refusedContent });
    await refused;
    const arrived = announced(alice, bob.id, secrets[2]!, 'sent');
    await bob.core.call('send', { to: account.user.id, content: secrets[2] });
    await arrived;

    // A page of the chat goes bad while the app is closed: a quote is missing before a message.
    await world.close(alice);
    const chatDir = path.join(paths.userDir(world.server.url, account.user.id), 'chats', String(bob.id));
    const page = path.join(
      chatDir,
      fs.readdirSync(chatDir).find((name) => /^\d+\.json$/.test(name))!,
    );
    const text = fs.readFileSync(page, 'utf8');
    expect(text).toContain('"content":"PELICAN');
    fs.writeFileSync(page, text.replace('"content":"PELICAN', '"content":PELICAN'));

    alice = await world.open(profileDir, log.logger);
    await alice.waitFor((e) => e.event === 'connection' && e.payload === 'online');
    const history = await alice.call<{ messages: ChatMessage[] }>('loadHistory', { who: bob.id });
    expect(history.messages.map((m) => m.content)).toEqual([...secrets, refusedContent]);
    await alice.call('logout');
    await world.close(alice);
    log.close();

    const written = fs.readFileSync(paths.log, 'utf8');
    expect(written).toMatch(` info session started for user ${account.user.id} on 127.0.0.1:`);
    expect(written).toMatch(' info connection online');
    expect(written).toMatch(/ info the server refused message [\w-]+ \(bad_request\)/);
    expect(written).toContain(` warn the chat page file ${page} is bad (not JSON): set aside as .corrupt`);
    expect(written).toMatch(' info signed out');
    expect(written).not.toMatch(/ error /);
    expect(written).not.toContain('PELICAN');
    expect(written).not.toContain(token);
    expect(written).not.toContain(testPassword);
  });
});

describe('logLevelFrom', () => {
  it('reads MESSENGER_LOG_LEVEL, info by default and for a value that names no level', () => {
    expect(logLevelFrom({})).toEqual({ level: 'info' });
    expect(logLevelFrom({ MESSENGER_LOG_LEVEL: ' DEBUG ' })).toEqual({ level: 'debug' });
    expect(logLevelFrom({ MESSENGER_LOG_LEVEL: 'loud' })).toEqual({ level: 'info', unknown: 'loud' });
  });
});
