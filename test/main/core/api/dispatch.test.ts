// The IPC contract at the main-process boundary: every malformed request is refused with
// bad_request and changes nothing; what a request throws is logged under its name.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requestNames } from '../../../../main/ipc/contract.js';
import { limits } from '../../../../protocol/limits.js';
import { uniqueName } from '../../../support/clients.js';
import { eventually, TestCore } from '../../../support/cores.js';
import { startTestServer, type TestServer } from '../../../support/server.js';

const staged = '0b6f7d2e-4b8a-4c1e-9a43-2f7d0c1b5e6a';
const uuid = (i: number) => `0b6f7d2e-4b8a-4c1e-9a43-2f7d0c1b5e${String(i).padStart(2, '0')}`;
const malformed: Array<[string, unknown]> = [
  ['register', { serverUrl: 'ftp://x', name: 'a', password: 'b' }],
  ['register', { serverUrl: 'http://user:pw@127.0.0.1:1', name: 'a', password: 'b' }],
  ['register', { name: 'a', password: 'b' }],
  ['login', null],
  ['login', { serverUrl: 'http://192.168.1.5:4860', name: 'a', password: 'b' }],
  ['register', { serverUrl: 'http://chat.example.com', name: 'a', password: 'b', allowUnencrypted: 'yes' }],
  ['login', 'alice'],
  ['login', { serverUrl: 'http://127.0.0.1:1', name: 5, password: 'b' }],
  ['logout', { anything: true }],
  ['logout', { removeCache: 'yes' }],
  ['snapshot', 42],
  ['listUsers', ['x']],
  ['listChats', { who: 1 }],
  ['openChat', { who: '2' }],
  ['openChat', { who: 1.5 }],
  ['openChat', {}],
  ['closeChat', { who: -1 }],
  ['readChat', null],
  ['deleteChat', { who: 0 }],
  ['deleteChat', { who: 2, extra: 'field' }],
  ['loadHistory', { who: 2, beforeSeq: 0 }],
  ['loadHistory', { who: 2, limit: 201 }],
  ['send', { to: 2 }],
  ['send', { to: 2, content: '' }],
  ['send', { to: 2, content: 7 }],
  ['send', [2, 'hi']],
  ['send', { to: 2, content: 'x'.repeat(4001) }],
  ['send', { to: 2, content: '😀'.repeat(4001) }],
  ['send', { to: 2, content: 'x'.repeat(100_000) }],
  ['retry', { clientId: '' }],
  ['retry', { clientId: 'not a clientId!' }],
  ['discard', {}],
  ['discard', { clientId: 'x'.repeat(65) }],
  ['typing', { who: 'x' }],
  ['updateSettings', { theme: 'purple' }],
  ['updateSettings', { hideContent: 'yes' }],
  ['updateSettings', { unknownSetting: true }],
  ['serverInfo', {}],
  ['serverInfo', { serverUrl: 'http://127.0.0.1:4860/path' }],
  ['accountInfo', { extra: 1 }],
  ['changePassword', { current: 'old password' }],
  ['changePassword', { current: '', password: 'new password' }],
  ['rename', { name: '' }],
  ['rename', { name: 'x'.repeat(201) }],
  ['listSessions', 'all'],
  ['endSession', { id: 7 }],
  ['endOtherSessions', { all: true }],
  ['deleteAccount', {}],
  ['deleteAccount', { password: 'x'.repeat(1025) }],
  ['reportProblem', 'it broke'],
  ['reportProblem', { context: '', message: 'x' }],
  ['reportProblem', { context: 'two\nlines', message: 'x' }],
  ['reportProblem', { context: 'x'.repeat(81), message: 'x' }],
  ['reportProblem', { context: 'ok', message: 'x'.repeat(501) }],
  ['reportProblem', { context: 'ok', message: 'x', stack: 'x'.repeat(2001) }],
  ['reportProblem', { context: 'ok', message: 'x', extra: 'field' }],
  ['accountInfo', { who: 1 }],
  ['adminUsers', { after: '' }],
  ['adminUsers', { after: 5 }],
  ['adminAction', { id: 2, action: 'delete' }],
  ['adminAction', { id: 0, action: 'deactivate' }],
  ['adminAction', { action: 'promote' }],
  ['adminCreateUser', { name: '' }],
  ['adminCreateUser', { name: 'x'.repeat(201) }],
  ['adminInvites', { all: true }],
  ['adminCreateInvite', { uses: 0 }],
  ['adminCreateInvite', { uses: 1.5 }],
  ['adminCreateInvite', { expiresInMs: 1000 }],
  ['adminCreateInvite', { expiresInMs: 8_640_000_001 }],
  ['adminRevokeInvite', {}],
  ['adminRevokeInvite', { id: 7 }],
  ['send', { to: 2, content: '' }],
  ['send', { to: 2, content: 'x', attachments: [] }],
  ['send', { to: 2, content: '', attachments: [{ stagedId: 'not-a-uuid' }] }],
  ['send', { to: 2, content: '', attachments: Array.from({ length: 2 }, () => ({ stagedId: staged })) }],
  ['send', { to: 2, content: '', attachments: Array.from({ length: 11 }, (_, i) => ({ stagedId: uuid(i) })) }],
  ['beginFile', { name: '', size: 1 }],
  ['beginFile', { name: 'a\u0000b', size: 1 }],
  ['beginFile', { name: 'x'.repeat(256), size: 1 }],
  ['beginFile', { name: 'a', size: -1 }],
  ['beginFile', { name: 'a', size: 1.5 }],
  ['appendFile', { stagedId: staged, data: 'not base64!' }],
  ['appendFile', { stagedId: staged, data: 'A'.repeat(1_398_108) }],
  ['appendFile', { stagedId: 'x', data: 'AAAA' }],
  ['finishFile', {}],
  ['dropFile', { stagedId: 7 }],
  ['fileUrl', { id: 'f1', sha256: 'ABC', name: 'a.png', size: 1, mime: 'image/png' }],
  ['fileUrl', { id: '../x', sha256: 'a'.repeat(64), name: 'a.png', size: 1, mime: 'image/png' }],
  ['openFile', { id: 'f1', sha256: 'a'.repeat(64), name: 'a.png', size: 1 }],
  ['saveFile', { id: 'f1', sha256: 'a'.repeat(64), name: 'a.png', size: 1, mime: 'image/png', extra: 1 }],
  ['cancelSend', { clientId: '' }],
  ['avatarUrl', { avatar: 'a/b' }],
  ['setAvatar', { stagedId: '' }],
  ['removeAvatar', { now: true }],
  ['recall', { who: 1 }],
  ['recall', { who: 1, id: 0 }],
  ['editMessage', { who: 1, id: 2, content: '' }],
  ['editMessage', { who: 1, id: 2, content: 'x'.repeat(limits.contentMaxCodePoints + 1) }],
  ['hideMessage', { who: 1, id: 2, clientId: 'mine' }],
  ['forward', { from: 1, id: 2 }],
  ['pinChat', { who: 1, pinned: 'yes' }],
  ['muteChat', { who: 1 }],
  ['markUnread', { who: -1 }],
  ['openLink', { url: '' }],
  ['openLink', { url: 'https://example.com', extra: 1 }],
  ['restartToUpdate', { now: true }],
  ['saveDraft', { who: 1 }],
  ['saveDraft', { who: 1, text: 'x'.repeat(limits.contentMaxCodePoints + 1) }],
  ['searchMessages', { q: '' }],
  ['searchMessages', { q: 'x'.repeat(limits.searchQueryMaxCodePoints + 1) }],
  ['loadAround', { who: 1, seq: 0 }],
  ['send', { to: 1, content: 'hi', replyTo: 'first' }],
  ['updateSettings', { readReceipts: 'no' }],
];

describe('IPC requests', () => {
  let server: TestServer;
  let core: TestCore;

  beforeAll(async () => {
    server = await startTestServer();
    core = await TestCore.open();
    await core.call('register', { serverUrl: server.url, name: uniqueName('ipc'), password: 'long enough' });
    await eventually(() => core.last('connection') === 'online');
  });
  afterAll(async () => {
    await core.close();
    await server.close();
  });

  it('refuses unknown request names', async () => {
    for (const name of ['eval', '__proto__', 'constructor', 42, null]) {
      expect(await core.bridge.request(name, {})).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
  });

  it('covers every request name in the table', () => {
    const covered = new Set(malformed.map(([name]) => name));
    expect(requestNames.filter((name) => !covered.has(name))).toEqual([]);
  });

  it.each(malformed)('%s with %j is bad_request and changes nothing', async (name, payload) => {
    const before = await core.call('snapshot');
    const events = core.events.length;
    const logged = core.log.lines.length;
    const result = await core.bridge.request(name, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(result.ok ? '' : result.error.message).toMatch(/\S/);
    expect(await core.call('snapshot')).toEqual(before);
    expect(core.events.length).toBe(events);
    expect(core.log.lines.length, 'lines logged').toBe(logged);
  });
});

describe('the content limit at the IPC', () => {
  let server: TestServer;
  let core: TestCore;

  beforeAll(async () => {
    server = await startTestServer();
    core = await TestCore.open();
    await core.call('register', { serverUrl: server.url, name: uniqueName('ipc'), password: 'long enough' });
    await eventually(() => core.last('connection') === 'online');
  });
  afterAll(async () => {
    await core.close();
    await server.close();
  });

  it('refuses a message over the protocol limit with the limit in words, and queues nothing', async () => {
    const result = await core.bridge.request('send', { to: 2, content: 'x'.repeat(4001) });
    expect(result).toEqual({
      ok: false,
      error: { code: 'bad_request', message: 'Invalid send request: content: must be at most 4000 characters.' },
    });
    const outboxes = (fs.readdirSync(core.profileDir, { recursive: true }) as string[]).filter((name) =>
      name.endsWith('outbox.json'),
    );
    for (const name of outboxes) {
      expect(JSON.parse(fs.readFileSync(path.join(core.profileDir, name), 'utf8')).items).toEqual([]);
    }
  });

  it('takes a message of exactly the limit, counted in code points', async () => {
    const result = await core.bridge.request('send', { to: 2, content: '😀'.repeat(4000) });
    expect(result).toMatchObject({ ok: true, value: { state: 'sending' } });
  });
});

describe('what a request throws', () => {
  let core: TestCore;
  afterEach(async () => core.close());

  it('is logged with its stack when nobody expected it, and answered as internal', async () => {
    core = await TestCore.open();
    const settings = path.join(core.profileDir, 'settings.json');
    // The settings file's place is taken by a folder: the write fails deep inside steno.
    fs.mkdirSync(path.join(settings, 'in-the-way'), { recursive: true });
    const result = await core.bridge.request('updateSettings', { theme: 'dark' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(core.log.at('error')).toEqual([
      expect.stringMatching(/^request updateSettings: Error: EISDIR: .*settings\.json.*\n\s+at /),
    ]);
  });

  it('is a debug line with its code, and nothing more, when it is an expected failure', async () => {
    core = await TestCore.open();
    const result = await core.bridge.request('openChat', { who: 2 });
    expect(result).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    expect(core.log.lines).toEqual([expect.stringMatching(/^\S+ debug request openChat: signed_out$/)]);
  });
});
