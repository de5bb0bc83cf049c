// The load generator: a separate process (pinned to the other core than the server) that
// holds the simulated users' Socket.IO connections and drives them as the bench asks over
// IPC. It never knows which server it talks to: the real one and the minimal one get the
// very same sockets, payloads and pacing.
//
// Every socket is one user's device: `forceNew` (its own connection), WebSocket only and no
// reconnection, as main/core/connection does except for the reconnect.
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { BenchSocket, ConnectResult, LoadRequest, LoadSnapshot, ReconnectResult } from './support/ipc.js';
import { SteadyWait } from './support/steady.js';

interface Sim {
  spec: BenchSocket;
  socket: Socket;
}

let sims: Sim[] = [];
let running = false;
let timers: NodeJS.Timeout[] = [];
let outstanding = 0;
let sequence = 0;
const counters = { sent: 0, acked: 0, failed: 0, delivered: 0 };
const steady = new SteadyWait(counters);
/** clientId → when it was sent, while its delivery to the peer is awaited (S2 only). */
const sentAt = new Map<string, number>();
let recordLatency = false;
let deliveryMs: number[] = [];
let ackMs: number[] = [];
const errors: string[] = [];

function note(error: string): void {
  if (errors.length < 20) errors.push(error);
}

/** One socket of `spec`'s user to `url`: resolves with it once connected, or with the connect error. */
function open(url: string, spec: BenchSocket, localAddress: string | undefined): Promise<Sim | Error> {
  return new Promise((resolve) => {
    const socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 60_000,
      auth: { token: spec.token },
      ...(localAddress ? { localAddress } : {}),
    } as Parameters<typeof io>[1]);
    socket.on('message:new', (event: { message: { user: number; clientId: string } }) => {
      if (event.message.user === spec.user) return;
      counters.delivered++;
      steady.changed();
      const at = sentAt.get(event.message.clientId);
      if (at !== undefined) {
        sentAt.delete(event.message.clientId);
        if (recordLatency) deliveryMs.push(performance.now() - at);
      }
    });
    socket.once('connect', () => resolve({ spec, socket }));
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error);
    });
  });
}

/** Runs `one` on every item, `concurrency` at a time. */
async function inParallel<T>(items: T[], concurrency: number, one: (item: T, index: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await one(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

const addressOf = (addresses: string[], index: number) =>
  addresses.length > 0 ? addresses[index % addresses.length] : undefined;

async function connect(request: Extract<LoadRequest, { cmd: 'connect' }>): Promise<ConnectResult> {
  const started = performance.now();
  let failed = 0;
  let connected = 0;
  await inParallel(request.sockets, request.concurrency, async (spec, index) => {
    const opened = await open(request.url, spec, addressOf(request.localAddresses, index));
    if (opened instanceof Error) {
      failed++;
      note(`connect: ${opened.message}`);
    } else {
      sims.push(opened);
      connected++;
    }
  });
  return { connected, failed, ms: performance.now() - started, errors: errors.slice() };
}

/** S6: the sockets the server dropped connect again, each catching up once connected. */
async function reconnect(request: Extract<LoadRequest, { cmd: 'reconnect' }>): Promise<ReconnectResult> {
  const started = performance.now();
  const dropped = sims;
  for (const sim of dropped) sim.socket.close();
  sims = [];
  let failed = 0;
  const connectedMs: number[] = [];
  const caughtUpMs: number[] = [];
  await inParallel(dropped, request.concurrency, async (old, index) => {
    const opened = await open(request.url, old.spec, addressOf(request.localAddresses, index));
    if (opened instanceof Error) {
      failed++;
      note(`reconnect: ${opened.message}`);
      return;
    }
    sims.push(opened);
    connectedMs.push(performance.now() - started);
    const reply = await new Promise<{ ok: boolean; error?: { code: string } }>((resolve) =>
      opened.socket.emit('chats:list', resolve),
    );
    if (reply.ok) caughtUpMs.push(performance.now() - started);
    else {
      failed++;
      note(`catch-up: ${reply.error?.code}`);
    }
  });
  const sorted = (values: number[]) => values.sort((a, b) => a - b);
  return {
    caughtUp: caughtUpMs.length,
    failed,
    ms: performance.now() - started,
    connectedMs: sorted(connectedMs),
    caughtUpMs: sorted(caughtUpMs),
    errors: errors.slice(),
  };
}

function sendOne(sim: Sim, content: string, then?: () => void): void {
  const clientId = `b${sim.spec.user}-${++sequence}`;
  const at = performance.now();
  if (recordLatency) sentAt.set(clientId, at);
  counters.sent++;
  outstanding++;
  sim.socket.emit(
    'message:send',
    { to: sim.spec.peer, clientId, content },
    (reply: { ok: boolean; error?: { code: string } }) => {
      outstanding--;
      if (reply.ok) counters.acked++;
      else {
        counters.failed++;
        note(`ack: ${reply.error?.code}`);
      }
      steady.changed();
      if (recordLatency) ackMs.push(performance.now() - at);
      then?.();
    },
  );
}

/** S1: each sender keeps `window` sends outstanding, sending the next as each ack comes. */
function flood(window: number, content: string): void {
  running = true;
  recordLatency = false;
  for (const sim of sims) {
    if (sim.spec.peer === 0) continue;
    const loop = () => {
      if (running) sendOne(sim, content, loop);
    };
    for (let i = 0; i < window; i++) loop();
  }
}

/** S2: each sender sends every `periodMs`, the senders' phases spread evenly over the period. */
function pace(periodMs: number, content: string): void {
  running = true;
  recordLatency = true;
  const senders = sims.filter((sim) => sim.spec.peer !== 0);
  senders.forEach((sim, i) => {
    const start = setTimeout(
      () => {
        if (!running) return;
        sendOne(sim, content);
        const every = setInterval(() => {
          if (running) sendOne(sim, content);
        }, periodMs);
        timers.push(every);
      },
      (i * periodMs) / senders.length,
    );
    timers.push(start);
  });
}

async function stop(): Promise<void> {
  running = false;
  for (const timer of timers) clearTimeout(timer);
  timers = [];
  const deadline = performance.now() + 15_000;
  while (outstanding > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  if (outstanding > 0) note(`stop: ${outstanding} sends never acknowledged`);
}

function snapshot(): LoadSnapshot {
  const cpu = process.cpuUsage();
  const taken = { deliveryMs, ackMs };
  deliveryMs = [];
  ackMs = [];
  return {
    at: performance.now(),
    connected: sims.filter((sim) => sim.socket.connected).length,
    ...counters,
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
    rss: process.memoryUsage().rss,
    ...taken,
    errors: errors.slice(),
  };
}

async function disconnect(): Promise<void> {
  for (const sim of sims) sim.socket.close();
  sims = [];
  sentAt.clear();
  // Let the close frames go out before the bench stops this process or the server.
  await new Promise((resolve) => setTimeout(resolve, 200));
}

async function handle(request: LoadRequest): Promise<unknown> {
  switch (request.cmd) {
    case 'connect':
      return connect(request);
    case 'reconnect':
      return reconnect(request);
    case 'flood':
      flood(request.window, request.content);
      return snapshot();
    case 'pace':
      pace(request.periodMs, request.content);
      return snapshot();
    case 'stop':
      await stop();
      return snapshot();
    case 'steady':
      return steady.until(request.offeredPerSecond, request.maxMs);
    case 'snapshot':
      return snapshot();
    case 'disconnect':
      await disconnect();
      return {};
  }
}

process.on('message', (message: { id: number; request: LoadRequest }) => {
  handle(message.request).then(
    (reply) => process.send?.({ id: message.id, ok: true, reply }),
    (error: unknown) =>
      process.send?.({
        id: message.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});
process.on('disconnect', () => process.exit(0));
