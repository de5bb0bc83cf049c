// S8's readers, in their own process (on the load generator's core) so that parsing their
// pages does not delay the probe's clock in the bench process:
//   start  connect one socket per token, then page without pause: the first token's user
//          through chats:list, every other one through users:list, from the start again at the end
//   stop   stop paging and answer how many pages were read
import { io, type Socket } from 'socket.io-client';

interface StartRequest {
  cmd: 'start';
  url: string;
  tokens: string[];
}
type Request = StartRequest | { cmd: 'stop' };
type Ack = { ok: boolean; next?: string };

let stopped = false;
let reading: Array<Promise<number>> = [];
const sockets: Socket[] = [];

function open(url: string, token: string): Promise<Socket> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function pageForever(socket: Socket, event: 'users:list' | 'chats:list'): Promise<number> {
  let pages = 0;
  let after: string | undefined;
  while (!stopped) {
    const ack = (await socket.emitWithAck(event, after === undefined ? {} : { after })) as Ack;
    if (!ack.ok) throw new Error(`${event} failed: ${JSON.stringify(ack)}`);
    pages++;
    after = ack.next;
  }
  return pages;
}

async function handle(request: Request): Promise<unknown> {
  if (request.cmd === 'start') {
    sockets.push(...(await Promise.all(request.tokens.map((token) => open(request.url, token)))));
    reading = sockets.map((socket, i) => pageForever(socket, i === 0 ? 'chats:list' : 'users:list'));
    return { connected: sockets.length };
  }
  stopped = true;
  const pages = (await Promise.all(reading)).reduce((a, b) => a + b, 0);
  for (const socket of sockets) socket.disconnect();
  return { pages };
}

process.on('message', (message: { id: number; request: Request }) => {
  handle(message.request).then(
    (reply) => process.send?.({ id: message.id, ok: true, reply }),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: String(error) }),
  );
});
