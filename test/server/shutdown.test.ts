// Graceful shutdown of the server process: SIGTERM in the middle of a burst of sends loses
// nothing that was acknowledged and duplicates nothing, the process exits 0 without waiting out
// its time limits, and the port stops taking connections.
import { describe, expect, it } from 'vitest';
import type { ErrorBody, Message } from '../../protocol/contract.js';
import { limits } from '../../protocol/limits.js';
import { connect, register } from '../support/clients.js';
import { cleanUpServersAndSockets, startServerProcess, tcpConnect, type ServerProcess } from '../support/process.js';
import { whenDisconnected } from '../support/raw-sockets.js';
import { checkPairRecords, readRecord, type SentMessage } from '../support/records.js';
import { tempDir } from '../support/server.js';

const open = cleanUpServersAndSockets();

/** Shutdown logs a warning when it stops waiting for requests or connections (server/shutdown.ts). */
const gaveUpWaiting = /warn shutdown: .*(still running|did not close)/;

/** Resolves once the process has written a stderr line matching `pattern`. */
function stderrLine(proc: ServerProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!pattern.test(proc.stderr())) return;
      proc.child.stderr!.off('data', check);
      resolve();
    };
    proc.child.stderr!.on('data', check);
    check();
  });
}

describe('SIGTERM', () => {
  it('keeps every acknowledged message of a burst cut short, exits 0, and stores nothing twice', async () => {
    const dataDir = tempDir();
    const server = await startServerProcess(['--port', '0', '--data', dataDir, '--send-rate', '0']);
    const alice = await register(server.url);
    const bob = await register(server.url);
    const socket = await open(server.url, alice.token);
    await open(server.url, bob.token);
    const disconnected = whenDisconnected(socket);

    // A client with a full outbox: as many waiting as one socket may have (docs/protocol.md
    // §6.2), and another sent as each is answered, so sends are still arriving when the signal
    // comes (consecutive sends of a socket share a group commit: a fixed burst would be stored whole).
    const window = limits.maxPendingRequestsPerSocket;
    const signalAfter = 64;
    const most = 1000;
    const sent: SentMessage[] = [];
    const acked: Message[] = [];
    const failed: ErrorBody[] = [];
    let signalled = false;
    const emit = socket.emit as unknown as (...args: unknown[]) => void;
    const sendNext = () => {
      if (sent.length >= most || !socket.connected) return;
      const i = sent.length;
      const message = { from: alice.user.id, clientId: `burst-${i}`, content: `burst message ${i}` };
      sent.push(message);
      emit.call(
        socket,
        'message:send',
        { to: bob.user.id, clientId: message.clientId, content: message.content },
        (ack: any) => {
          if (ack.ok) acked.push(ack.message);
          else failed.push(ack.error);
          if (acked.length + failed.length === signalAfter) {
            signalled = true;
            server.child.kill('SIGTERM');
          }
          sendNext();
        },
      );
    };
    for (let i = 0; i < window; i++) sendNext();

    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(signalled).toBe(true);
    // Every request finished and every connection closed in time: no limit was waited out.
    expect(server.stderr()).not.toMatch(gaveUpWaiting);
    // The signal really came mid-burst: not everything was acknowledged.
    expect(acked.length).toBeGreaterThanOrEqual(signalAfter - failed.length);
    expect(acked.length).toBeLessThan(sent.length);
    // A send refused because of the shutdown says so with `internal`.
    for (const error of failed) expect(error).toEqual({ code: 'internal', message: expect.any(String) });
    expect(await disconnected).toBe('transport close');

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

    const total = limits.maxPendingRequestsPerSocket;
    const answers: Array<{ i: number; ack: any }> = [];
    const emit = socket.emit as unknown as (...args: unknown[]) => void;
    for (let i = 0; i < total; i++) {
      emit.call(socket, 'message:send', { to: bob.user.id, clientId: `q-${i}`, content: `queued ${i}` }, (ack: any) => {
        answers.push({ i, ack });
        if (answers.length === 8) server.child.kill('SIGTERM');
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

  it("stops accepting connections on the port at once and closes the clients' connections", async () => {
    const server = await startServerProcess(['--port', '0', '--data', tempDir(), '--log-level', 'debug']);
    const alice = await register(server.url);
    const socket = await open(server.url, alice.token);
    const disconnected = whenDisconnected(socket);
    expect(await tcpConnect(server.port)).toBe('accepted');

    // Its first step; it logs that once done, long before the process exits.
    const accepting = stderrLine(server, /debug shutdown: no new connections are accepted/);
    server.child.kill('SIGTERM');
    await accepting;
    expect(await tcpConnect(server.port)).toBe('refused');

    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(await disconnected).toBe('transport close');
    expect(await tcpConnect(server.port)).toBe('refused');
    await expect(connect(server.url, alice.token)).rejects.toThrow();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('tells every connected socket why with server:closing, before the connection closes', async () => {
    const server = await startServerProcess(['--port', '0', '--data', tempDir()]);
    const socket = await open(server.url, (await register(server.url)).token);
    const seen: string[] = [];
    socket.on('server:closing', (notice) => seen.push(`closing ${JSON.stringify(notice)}`));
    const disconnected = whenDisconnected(socket).then((reason) => seen.push(`disconnect ${reason}`));
    server.child.kill('SIGTERM');
    await disconnected;
    expect(seen).toEqual([
      `closing ${JSON.stringify({ reason: 'shutdown', message: 'The server was stopped by its owner.' })}`,
      'disconnect transport close',
    ]);
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it('says what $MESSENGER_CLOSING_MESSAGE says when whoever started it sets one', async () => {
    const message = 'The bundled server stopped: the last app using it was closed.';
    const server = await startServerProcess(['--port', '0', '--data', tempDir()], {
      env: { MESSENGER_CLOSING_MESSAGE: message },
    });
    const socket = await open(server.url, (await register(server.url)).token);
    const notice = new Promise((resolve) => socket.once('server:closing', resolve));
    server.child.kill('SIGINT');
    expect(await notice).toEqual({ reason: 'shutdown', message });
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it('shuts down the same way on SIGINT', async () => {
    const server = await startServerProcess(['--port', '0', '--data', tempDir()]);
    await open(server.url, (await register(server.url)).token);
    server.child.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});
