// Kill -9 the process running the core while a file uploads: after a restart the upload starts
// again and the peer gets exactly one message carrying the file.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../../protocol/contract.js';
import { connect, request, uniqueName } from '../../../support/clients.js';
import { eventually, TestCore } from '../../../support/cores.js';
import { pdfBytes, sha256 } from '../../../support/staged-files.js';
import { startTestServer, type TestServer } from '../../../support/server.js';

const root = fileURLToPath(new URL('../../../..', import.meta.url));

class CoreChild {
  readonly lines: string[] = [];
  private readonly waiters: Array<{ match: (line: string) => boolean; resolve: () => void }> = [];
  private constructor(readonly process: ChildProcessWithoutNullStreams) {
    readline.createInterface({ input: process.stdout }).on('line', (line) => {
      this.lines.push(line);
      for (const waiter of this.waiters.filter((w) => w.match(line))) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  }
  static start(profileDir: string): CoreChild {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/core-child.ts', profileDir], { cwd: root });
    return new CoreChild(child);
  }
  line(match: (line: string) => boolean): Promise<void> {
    if (this.lines.some(match)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
  send(request: { to: number; content: string; files?: string[] }): void {
    this.process.stdin.write(`${JSON.stringify(request)}\n`);
  }
  kill(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.process.once('exit', () => resolve());
      this.process.kill('SIGKILL');
    });
  }
}

describe('an upload across a crash', () => {
  let server: TestServer | undefined;
  const children: CoreChild[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) await child.kill();
    await server?.close();
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'restarts the upload after kill -9 and the peer gets exactly one message with the file',
    { timeout: 60_000 },
    async () => {
      server = await startTestServer();
      const sender = await TestCore.open();
      dirs.push(sender.profileDir);
      const me = await sender.call('register', {
        serverUrl: server.url,
        name: uniqueName('crash'),
        password: 'long enough',
      });
      await sender.close();
      const peer = (await (
        await fetch(`${server.url}/api/register`, {
          method: 'POST',
          body: JSON.stringify({ name: uniqueName('peer'), password: 'long enough' }),
        })
      ).json()) as { user: { id: number }; token: string };
      const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-upload-'));
      dirs.push(fileDir);
      const bytes = pdfBytes(40 * 1024 * 1024);
      const file = path.join(fileDir, 'big.pdf');
      fs.writeFileSync(file, bytes);

      const first = CoreChild.start(sender.profileDir);
      children.push(first);
      await first.line((l) => l === 'connection online');
      first.send({ to: peer.user.id, content: 'the report', files: [file] });
      await first.line((l) => l.startsWith('uploading '));
      await first.kill();
      const clientId = first.lines.find((l) => l.startsWith('queued '))!.split(' ')[1]!;
      // It died mid-upload: the last byte had not gone.
      expect(first.lines).not.toContain(`uploading ${clientId} ${bytes.length}`);

      const second = CoreChild.start(sender.profileDir);
      children.push(second);
      const socket = await connect(server.url, peer.token);
      const received = async (): Promise<Message[]> =>
        (await request(socket, 'chat:history', { who: me.user.id, limit: 50 })).messages as Message[];
      const messages = await eventually(async () => {
        const now = await received();
        return now.length > 0 && now;
      }, 'the message');
      // The restarted upload went through to the end before the message was sent.
      await second.line((l) => l === `uploading ${clientId} ${bytes.length}`);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        clientId,
        caption: 'the report',
        attachments: [{ name: 'big.pdf', size: bytes.length, sha256: sha256(bytes), mime: 'application/pdf' }],
      });
      const download = await fetch(`${server.url}/api/files/${messages[0]!.attachments![0]!.id}`, {
        headers: { authorization: `Bearer ${peer.token}` },
      });
      expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(bytes));
      // Once the outbox is empty nothing more is sent: still one message.
      const outboxFile = fs
        .readdirSync(sender.profileDir, { recursive: true, encoding: 'utf8' })
        .find((name) => name.endsWith('outbox.json'))!;
      const outboxItems = () =>
        (JSON.parse(fs.readFileSync(path.join(sender.profileDir, outboxFile), 'utf8')) as { items: unknown[] }).items;
      await eventually(() => outboxItems().length === 0, 'the outbox emptied');
      expect(await received()).toHaveLength(1);
      socket.close();
    },
  );
});
