// A restarted server's clients all reconnect at once. The kernel must queue their handshakes
// while the server is busy: a handshake it drops waits a second for its retransmission (S6).
import { Worker } from 'node:worker_threads';
import { afterEach, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** Connects `count` TCP sockets; word 0 becomes 1 once all have connected (or one failed). */
const connector = `
const net = require('node:net');
const { workerData: { port, count, signal } } = require('node:worker_threads');
const done = () => { Atomics.store(signal, 0, 1); Atomics.notify(signal, 0); };
for (let i = 0; i < count; i++) {
  const socket = net.connect({ port, host: '127.0.0.1' });
  socket.on('connect', () => { if (Atomics.add(signal, 1, 1) + 1 === count) done(); });
  socket.on('error', () => { Atomics.add(signal, 2, 1); done(); });
}
`;

it('queues a thousand handshakes that arrive while the server cannot accept', async () => {
  server = await startTestServer();
  const count = 1000;
  const signal = new Int32Array(new SharedArrayBuffer(12));
  const worker = new Worker(connector, { eval: true, workerData: { port: server.port, count, signal } });
  // This thread runs the server: held here, it accepts nothing, and only the kernel's queue
  // takes the connections. Node's default queue (511) drops the rest until the wait gives up.
  const outcome = Atomics.wait(signal, 0, 0, 30_000);
  await worker.terminate();
  expect({ outcome, connected: signal[1], failed: signal[2] }).toEqual({ outcome: 'ok', connected: count, failed: 0 });
});
