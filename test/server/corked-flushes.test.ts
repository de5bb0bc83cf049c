// The packets engine.io flushes together to a WebSocket leave in one system call, in order.
import http from 'node:http';
import type { AddressInfo, Socket as TcpSocket } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { afterEach, expect, it } from 'vitest';
import { corkEachFlush } from '../../server/socket/corked-flushes.js';

const closers: Array<() => void> = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

it('writes the packets of one flush with one system call, and they arrive in order', async () => {
  corkEachFlush();
  corkEachFlush(); // twice is once
  const httpServer = http.createServer();
  const server = new Server(httpServer);
  closers.push(() => void server.close());
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const connected = new Promise<ServerSocket>((resolve) => server.on('connection', resolve));
  const client = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'] });
  closers.push(() => client.close());
  const socket = await connected;

  // Every write the server's TCP socket makes: one per system call.
  const tcp = (socket.conn.transport as unknown as { socket: { _socket: TcpSocket } }).socket._socket;
  let writes = 0;
  const [write, writev] = [tcp._write, tcp._writev!];
  tcp._write = (...args) => {
    writes++;
    write.apply(tcp, args);
  };
  tcp._writev = (...args) => {
    writes++;
    writev.apply(tcp, args);
  };

  const received: number[] = [];
  const all = new Promise<void>((resolve) =>
    client.on('n', (n: number) => {
      received.push(n);
      if (received.length === 5) resolve();
    }),
  );
  // The first goes out at once; engine.io holds the other four until that write is done and
  // then flushes them together.
  for (let n = 0; n < 5; n++) socket.emit('n', n);
  await all;
  expect(received).toEqual([0, 1, 2, 3, 4]);
  expect(writes).toBe(2);
});
