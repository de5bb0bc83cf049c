// Kill -9 the process running the core while messages wait in its outbox: after a restart
// each one is delivered exactly once.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, request, uniqueName } from '../../support/clients.js';
import { eventually, TestCore } from '../../support/cores.js';
import { startTestServer, type TestServer } from '../../support/server.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

class CoreChild {
  readonly lines: string[] = [];
  private constructor(readonly process: ChildProcessWithoutNullStreams) {
    readline.createInterface({ input: process.stdout }).on('line', (line) => this.lines.push(line));
  }
  static start(profileDir: string): CoreChild {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/core-child.ts', profileDir], { cwd: root });
    return new CoreChild(child);
  }
  send(to: number, content: string): void {
    this.process.stdin.write(`${JSON.stringify({ to, content })}\n`);
  }
  queued(): string[] {
    return this.lines.filter((l) => l.startsWith('queued ')).map((l) => l.split(' ').slice(2).join(' '));
  }
  kill(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.process.once('exit', () => resolve());
      this.process.kill('SIGKILL');
    });
  }
}

describe('outbox across a crash', () => {
  let server: TestServer | undefined;
  const children: CoreChild[] = [];
  const cores: TestCore[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) await child.kill();
    for (const core of cores.splice(0)) await core.close();
    await server?.close();
  });

  async function contentsReceivedBy(token: string, from: number): Promise<string[]> {
    const socket = await connect(server!.url, token);
    const page = await request(socket, 'chat:history', { who: from, limit: 200 });
    socket.close();
    return page.messages.map((m: { content: string }) => m.content);
  }

  it('delivers every queued message exactly once after kill -9 and restart', { timeout: 60_000 }, async () => {
    server = await startTestServer();
    const { port, dataDir } = server;
    const sender = await TestCore.open();
    cores.push(sender);
    const me = await sender.call('register', {
      serverUrl: server.url,
      name: uniqueName('crash'),
      password: 'long enough',
    });
    await sender.close();
    cores.pop();
    const peerName = uniqueName('peer');
    const peer = (await (
      await fetch(`${server.url}/api/register`, {
        method: 'POST',
        body: JSON.stringify({ name: peerName, password: 'long enough' }),
      })
    ).json()) as { user: { id: number }; token: string };

    // Round 1: the server is down; messages pile up in the outbox, then the process dies.
    await server.close();
    server = undefined;
    const first = CoreChild.start(sender.profileDir);
    children.push(first);
    await eventually(() => first.lines.includes('ready'), 'child ready');
    for (let i = 0; i < 10; i++) first.send(peer.user.id, `offline ${i}`);
    await eventually(() => first.queued().length === 10, 'queued');
    await first.kill();

    // Round 2: the server is up; the restarted core flushes, and dies again mid-way.
    server = await startTestServer({ port, dataDir });
    const second = CoreChild.start(sender.profileDir);
    children.push(second);
    await eventually(() => second.lines.includes('ready'), 'child ready');
    for (let i = 0; i < 20; i++) second.send(peer.user.id, `online ${i}`);
    await eventually(() => second.queued().length >= 5, 'some queued');
    await second.kill();
    const queued = [...first.queued(), ...second.queued()];

    // Round 3: a clean restart delivers what is left.
    const third = CoreChild.start(sender.profileDir);
    children.push(third);
    await eventually(
      async () => (await contentsReceivedBy(peer.token, me.user.id)).length >= queued.length,
      'delivery',
    );
    await eventually(() => third.lines.includes('connection online'));
    const received = await contentsReceivedBy(peer.token, me.user.id);
    // A message on disk but not yet reported when the process died is delivered too; nothing
    // else may appear.
    const written = [
      ...Array.from({ length: 10 }, (_, i) => `offline ${i}`),
      ...Array.from({ length: 20 }, (_, i) => `online ${i}`),
    ];
    expect(received.filter((c) => !written.includes(c))).toEqual([]);
    expect(new Set(received).size).toBe(received.length);
    for (const content of queued) expect(received).toContain(content);
    expect(received.filter((c) => c.startsWith('offline')).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `offline ${i}`).sort(),
    );
  });
});
