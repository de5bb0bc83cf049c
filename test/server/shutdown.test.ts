// Graceful shutdown of the server process: SIGTERM in the middle of a burst of sends loses
// nothing that was acknowledged and duplicates nothing, the process exits 0 quickly, and the
// port stops taking connections.
import { describe, expect, it } from 'vitest';
import type { ErrorBody, Message } from '../../protocol/contract.js';
import { connect, register } from '../support/clients.js';
import { cleanUpServersAndSockets, startServerProcess, tcpConnect } from '../support/process.js';
import { checkPairRecords, readRecord, type SentMessage } from '../support/records.js';
import { tempDir } from '../support/server.js';

const open = cleanUpServersAndSockets();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SIGTERM', () => {
  it('keeps every acknowledged message of a burst cut short, exits 0, and stores nothing twice', async () => {
    const dataDir = tempDir();
    const server = await startServerProcess(['--port', '0', '--data', dataDir, '--send-rate', '0']);
    const alice = await register(server.url);
    const bob = await register(server.url);
    const socket = await open(server.url, alice.token);
    await open(server.url, bob.token);
    let disconnected = false;
    socket.on('disconnect', () => (disconnected = true));

    const total = 200;
    const signalAfter = 40;
    const sent: SentMessage[] = [];
    const acked: Message[] = [];
    const failed: ErrorBody[] = [];
    let signalledAt = 0;
    const emit = socket.emit as unknown as (...args: unknown[]) => void;
    for (let i = 0; i < total; i++) {
      const message = { from: alice.user.id, clientId: `burst-${i}`, content: `burst message ${i}` };
      sent.push(message);
      // Fired without awaiting, as a client with a full outbox does.
      emit.call(
        socket,
        'message:send',
        { to: bob.user.id, clientId: message.clientId, content: message.content },
        (ack: any) => {
          if (ack.ok) acked.push(ack.message);
          else failed.push(ack.error);
          if (acked.length + failed.length === signalAfter) {
            signalledAt = Date.now();
            server.child.kill('SIGTERM');
          }
        },
      );
    }

    const exit = await Promise.race([server.exited, sleep(8000).then(() => 'still running' as const)]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(signalledAt).toBeGreaterThan(0);
    expect(Date.now() - signalledAt).toBeLessThan(5000);
    // The signal really came mid-burst: not everything was acknowledged.
    expect(acked.length).toBeGreaterThanOrEqual(signalAfter - failed.length);
    expect(acked.length).toBeLessThan(total);
    // A send refused because of the shutdown says so with `internal`.
    for (const error of failed) expect(error).toEqual({ code: 'internal', message: expect.any(String) });
    await sleep(50);
    expect(disconnected).toBe(true);

    const again = await startServerProcess(['--port', '0', '--data', dataDir, '--send-rate', '0']);
    const aliceRecord = await readRecord(await open(again.url, alice.token), bob.user.id);
    const bobRecord = await readRecord(await open(again.url, bob.token), alice.user.id);
    checkPairRecords({ owners: [alice.user.id, bob.user.id], records: [aliceRecord, bobRecord], sent, acked });
    // Sends over one socket are carried out in order, so what was stored is a prefix of the burst.
    expect(aliceRecord.map((m) => m.clientId)).toEqual(sent.slice(0, aliceRecord.length).map((m) => m.clientId));
  });

  it('answers every request it received before closing the connections', async () => {
    // "Finishing requests in flight" includes delivering their acks: a message stored during
    // the shutdown is acknowledged, and the sends still queued are told to try again.
    const dataDir = tempDir();
    const server = await startServerProcess(['--port', '0', '--data', dataDir, '--send-rate', '0']);
    const alice = await register(server.url);
    const bob = await register(server.url);
    const socket = await open(server.url, alice.token);

    const total = 200;
    const answers: Array<{ i: number; ack: any }> = [];
    const emit = socket.emit as unknown as (...args: unknown[]) => void;
    for (let i = 0; i < total; i++) {
      emit.call(socket, 'message:send', { to: bob.user.id, clientId: `q-${i}`, content: `queued ${i}` }, (ack: any) => {
        answers.push({ i, ack });
        if (answers.length === 25) server.child.kill('SIGTERM');
      });
    }
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const ok = answers.filter((a) => a.ack.ok);
    const refused = answers.filter((a) => !a.ack.ok);

    const again = await startServerProcess(['--port', '0', '--data', dataDir, '--send-rate', '0']);
    const stored = await readRecord(await open(again.url, alice.token), bob.user.id);
    expect(
      stored.map((m) => m.clientId),
      'stored but never acknowledged',
    ).toEqual(ok.map((a) => a.ack.message.clientId));
    expect(answers.map((a) => a.i)).toEqual(answers.map((_, i) => i));
    expect(answers).toHaveLength(total);
    for (const { ack } of refused) expect(ack.error).toEqual({ code: 'internal', message: expect.any(String) });
  });

  it('stops accepting connections on the port and disconnects the clients', async () => {
    const server = await startServerProcess(['--port', '0', '--data', tempDir()]);
    const alice = await register(server.url);
    const socket = await open(server.url, alice.token);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect(await tcpConnect(server.port)).toBe('accepted');

    server.child.kill('SIGTERM');
    const attempts: Array<{ result: string; running: boolean }> = [];
    for (let i = 0; i < 400; i++) {
      const running = server.exit() === null;
      attempts.push({ result: await tcpConnect(server.port, '127.0.0.1', 500), running });
      if (attempts.at(-1)!.result === 'refused' && !running) break;
      await sleep(5);
    }
    const firstRefused = attempts.findIndex((a) => a.result === 'refused');
    expect(firstRefused).toBeGreaterThanOrEqual(0);
    // Once refused, never accepted again.
    expect(attempts.slice(firstRefused).every((a) => a.result === 'refused')).toBe(true);

    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(await disconnected).toBe('transport close');
    expect(await tcpConnect(server.port)).toBe('refused');
    await expect(connect(server.url, alice.token)).rejects.toThrow();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('shuts down the same way on SIGINT', async () => {
    const server = await startServerProcess(['--port', '0', '--data', tempDir()]);
    await open(server.url, (await register(server.url)).token);
    server.child.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});
