// The bundled server shared by app instances, with real processes: two launchers (the
// fixture app-instance.ts) started at once in one data dir get one server; a user connected
// to it stays online when the first app quits; the last one out stops it, telling the user
// why; a launcher killed with SIGKILL does not keep it alive.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerClosing } from '../../../protocol/contract.js';
import { isAlive, readServerLock } from '../../../main/launcher/server-lock.js';
import { lastAppClosed } from '../../../main/launcher/server-probes.js';
import { sharedServerFiles } from '../../../main/launcher/shared-server.js';
import { connect, register, request, type ClientSocket } from '../../support/clients.js';
import { whenDisconnected } from '../../support/raw-sockets.js';
import { tempDir } from '../../support/server.js';
import { freePort, startAppInstance, type AppInstance } from '../../support/app-instances.js';

const children: ChildProcess[] = [];
const serverPids: number[] = [];
const sockets: ClientSocket[] = [];

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const pid of serverPids.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
});

function startInstance(dataDir: string, url: string): AppInstance {
  return startAppInstance(dataDir, url, children);
}

async function quit(instance: AppInstance): Promise<string> {
  const { released, status } = await instance.quit();
  expect(status).toBe(0);
  return released;
}

// Each test starts and stops real servers (a few seconds each on a busy machine).
describe('the shared bundled server', { timeout: 60_000 }, () => {
  it('is started once for two apps starting together, outlives the first and stops with the last', async () => {
    const dataDir = tempDir();
    const url = `http://127.0.0.1:${await freePort()}`;
    const alice = startInstance(dataDir, url);
    const bob = startInstance(dataDir, url);
    const [a, b] = await Promise.all([alice.next(), bob.next()]);
    serverPids.push(a.serverPid);
    expect([a.decision, b.decision].sort()).toEqual(['reuse', 'start']);
    expect(b.serverPid).toBe(a.serverPid);
    const files = sharedServerFiles(dataDir);
    expect(readServerLock(files.lock)).toMatchObject({ pid: a.serverPid, url });
    expect(fs.readdirSync(files.users).sort()).toEqual([String(alice.child.pid), String(bob.child.pid)].sort());

    const user = await register(url);
    const notices: ServerClosing[] = [];
    const socket = await connect(url, user.token, (s) => s.on('server:closing', (n) => notices.push(n)));
    sockets.push(socket);
    let disconnectedEarly = false;
    const disconnected = whenDisconnected(socket);
    void disconnected.then(() => (disconnectedEarly = true));

    expect(await quit(alice)).toBe('kept');
    expect(isAlive(a.serverPid)).toBe(true);
    // Still online: a request round-trips over the same connection.
    expect((await request(socket, 'chats:list')).ok).toBe(true);
    expect(disconnectedEarly).toBe(false);
    expect(notices).toEqual([]);

    expect(await quit(bob)).toBe('stopped');
    expect(await disconnected).toBe('transport close');
    expect(notices).toEqual([{ reason: 'shutdown', message: lastAppClosed }]);
    expect(isAlive(a.serverPid)).toBe(false);
    expect(fs.existsSync(files.lock)).toBe(false);
    expect(fs.readdirSync(files.users)).toEqual([]);
  });

  it('is not kept alive by an app that was killed: the next release stops it', async () => {
    const dataDir = tempDir();
    const url = `http://127.0.0.1:${await freePort()}`;
    const first = startInstance(dataDir, url);
    const started = await first.next();
    serverPids.push(started.serverPid);
    const killed = startInstance(dataDir, url);
    expect(await killed.next()).toEqual({ decision: 'reuse', serverPid: started.serverPid });
    killed.child.kill('SIGKILL');
    expect(await killed.exited).toBeNull();
    // Its lease file is still there, but its pid is gone.
    expect(fs.readdirSync(sharedServerFiles(dataDir).users)).toContain(String(killed.child.pid));

    expect(await quit(first)).toBe('stopped');
    expect(isAlive(started.serverPid)).toBe(false);
  });

  it('survives the launcher that started it being killed, and the next app reuses it', async () => {
    const dataDir = tempDir();
    const url = `http://127.0.0.1:${await freePort()}`;
    const first = startInstance(dataDir, url);
    const started = await first.next();
    serverPids.push(started.serverPid);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(isAlive(started.serverPid)).toBe(true);

    const next = startInstance(dataDir, url);
    expect(await next.next()).toEqual({ decision: 'reuse', serverPid: started.serverPid });
    expect(fs.readdirSync(sharedServerFiles(dataDir).users)).toEqual([String(next.child.pid)]);
    expect(await quit(next)).toBe('stopped');
    expect(isAlive(started.serverPid)).toBe(false);
  });
});
