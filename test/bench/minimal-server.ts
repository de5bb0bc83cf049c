// The ceiling of S1–S3: a minimal Socket.IO server with the real server's Socket.IO options,
// its corked flushes (server/socket/corked-flushes.ts) and the same events on the wire, but no
// store, no accounts and no chat rules.
//
//   node --import tsx test/bench/minimal-server.ts --tokens FILE [--port N] [--redis-url URL]
//
// - handshake: `auth.token` is looked up in FILE (a JSON map token → user id); the socket
//   joins `user:<id>`;
// - `message:send { to, clientId, content }`: the message gets an id and the pair's next seq
//   in memory, `message:new { chat, message }` goes to the sender's and the receiver's user
//   rooms, and the ack `{ ok: true, message }` follows, as the real server orders them;
// - `chats:list`: answers `{ ok: true, chats: [] }`, the catch-up of a user with nothing new
//   (S6);
// - `--redis-url redis://…`: the ceiling of the two-node rows. The server joins the others
//   started with the same URL through the Socket.IO Redis adapter (@socket.io/redis-adapter on
//   ioredis, as server/cluster/redis.ts does), so an emit to a user room reaches that user's
//   sockets on every node. It still acks at once (the real node waits for its broadcasts to
//   reach Redis) and keeps seqs per node, not shared: a ceiling, not a cluster.
// Prints `listening on http://127.0.0.1:<port>` like server/cli.ts.
import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { corkEachFlush } from '../../server/socket/corked-flushes.js';
import { listenBacklog } from '../../server/http/accept-queue.js';

function optionalArg(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function arg(name: string, fallback?: string): string {
  const value = optionalArg(name) ?? fallback;
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
}

const tokens = new Map<string, number>(
  Object.entries(JSON.parse(fs.readFileSync(arg('--tokens'), 'utf8')) as Record<string, number>),
);
const httpServer = createServer((_req, res) => {
  res.statusCode = 404;
  res.end();
});
const io = new Server(httpServer, { maxHttpBufferSize: 64 * 1024, serveClient: false });
// The real server's transport writes a flush of several packets in one system call; without it
// the ceiling would pay a system call per packet that the real server no longer pays.
corkEachFlush();

const redisUrl = optionalArg('--redis-url');
const redisClients: Redis[] = [];
if (redisUrl) {
  const pub = new Redis(redisUrl, { lazyConnect: true });
  const sub = new Redis(redisUrl, { lazyConnect: true });
  redisClients.push(pub, sub);
  await Promise.all(redisClients.map((client) => client.connect()));
  io.adapter(createAdapter(pub, sub, { key: 'bench-minimal' }));
}

io.use((socket, next) => {
  const token = (socket.handshake.auth as { token?: unknown }).token;
  const user = typeof token === 'string' ? tokens.get(token) : undefined;
  if (user === undefined) return next(new Error('unauthorized'));
  socket.data = { user };
  next();
});

let nextMessageId = 1;
const lastSeq = new Map<string, number>();
const nextSeq = (owner: number, peer: number): number => {
  const key = `${owner}>${peer}`;
  const seq = (lastSeq.get(key) ?? 0) + 1;
  lastSeq.set(key, seq);
  return seq;
};

io.on('connection', (socket) => {
  const user = (socket.data as { user: number }).user;
  void socket.join(`user:${user}`);
  socket.on('chats:list', (...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack === 'function') (ack as (reply: object) => void)({ ok: true, chats: [] });
  });
  socket.on(
    'message:send',
    (payload: { to: number; clientId: string; content: string }, ack?: (reply: object) => void) => {
      const { to, clientId, content } = payload;
      const id = nextMessageId++;
      const date = Date.now();
      const copy = (owner: number, peer: number) => {
        const message = { id, clientId, user, name: `bench-${user}`, date, content, seq: nextSeq(owner, peer) };
        const chat = {
          id: owner * 1_000_000 + peer,
          user: owner,
          who: peer,
          name: `bench-${peer}`,
          unread: 0,
          updatedAt: date,
          lastSeq: message.seq,
          last: message,
        };
        return { chat, message };
      };
      const sender = copy(user, to);
      const receiver = copy(to, user);
      io.to(`user:${user}`).emit('message:new', sender);
      io.to(`user:${to}`).emit('message:new', receiver);
      ack?.({ ok: true, message: sender.message });
    },
  );
});

// The real server's accept queue, so a reconnect storm (S6) meets the same one.
httpServer.listen({ port: Number(arg('--port', '0')), host: '127.0.0.1', backlog: listenBacklog }, () => {
  process.stdout.write(`listening on http://127.0.0.1:${(httpServer.address() as AddressInfo).port}\n`);
});
const stop = () =>
  void io.close(() => {
    for (const client of redisClients) client.disconnect();
    process.exit(0);
  });
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
