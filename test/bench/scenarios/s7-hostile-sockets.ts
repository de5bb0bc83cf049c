// S7: hostile clients beside honest ones. 100 pairs chat at 1 msg/s each; in the attack
// window 10 sockets that never read send 150 maximal `chat:history` requests each (a chat of
// 200 copies of 4,000 characters), and a login flood runs with wrong passwords. Measured: the
// server's RSS growth during the attack, and the pairs' p99 with the attack against their p99
// in the window just before it, on the same connections.
import WebSocket from 'ws';
import { io } from 'socket.io-client';
import type { LoadSnapshot, ProbeReply } from '../support/ipc.js';
import { startLoadGenerator, startRealServer } from '../support/procs.js';
import { fmt, percentile, say, type ScenarioResult } from '../support/report.js';
import { removeSeed, seedUsers, type SeededUser } from '../support/seed.js';
import { connectAll, pairedSockets, placementOf, sleep } from './server-scenarios.js';

export interface S7Params {
  pairs: number;
  periodMs: number;
  warmupMs: number;
  /** The window before the attack and the attack itself each last this long. */
  windowMs: number;
  hostileSockets: number;
  requestsPerSocket: number;
  historyMessages: number;
  loginConcurrency: number;
}

const bigContent = 'x'.repeat(4000);
const chatContent =
  'The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs, thanks! 0123';

/** The attacker's chat with its victim: `count` copies of 4,000 characters. */
async function fillChat(url: string, attacker: SeededUser, victim: SeededUser, count: number): Promise<void> {
  const socket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: { token: attacker.tokens[0] },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    for (let i = 0; i < count; i++) {
      const reply = (await socket.emitWithAck('message:send', {
        to: victim.id,
        clientId: `fill-${i}`,
        content: bigContent,
      })) as {
        ok: boolean;
      };
      if (!reply.ok) throw new Error(`filling the attacker's chat: ${JSON.stringify(reply)}`);
    }
  } finally {
    socket.close();
  }
}

/**
 * A socket that signs in, sends `requests` history requests of the largest page, and stops
 * reading: whatever the server answers piles up on its side of the connection.
 */
function hostileSocket(url: string, token: string, victim: number, requests: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    ws.on('error', reject);
    ws.on('message', (data: Buffer) => {
      const packet = data.toString();
      if (packet.startsWith('0')) ws.send(`40${JSON.stringify({ token })}`);
      else if (packet.startsWith('40')) {
        for (let id = 0; id < requests; id++)
          ws.send(`42${id}${JSON.stringify(['chat:history', { who: victim, limit: 200 }])}`);
        ws.pause();
        resolve(ws);
      } else if (packet.startsWith('44')) reject(new Error(`hostile socket refused: ${packet}`));
    });
  });
}

/** Wrong passwords for the pairs' names, `concurrency` at a time, until `stop()`; counts answers by status. */
function loginFlood(url: string, names: string[], concurrency: number) {
  const statuses = new Map<number, number>();
  let running = true;
  let attempt = 0;
  const worker = async () => {
    while (running) {
      const name = names[attempt++ % names.length]!;
      const status = await fetch(`${url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password: `not-the-password-${attempt}` }),
      }).then(
        async (response) => {
          await response.arrayBuffer();
          return response.status;
        },
        () => 0,
      );
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  const workers = Promise.all(Array.from({ length: concurrency }, worker));
  return {
    async stop() {
      running = false;
      await workers;
      return Object.fromEntries([...statuses].sort(([a], [b]) => a - b));
    },
  };
}

const p99Of = (snapshot: LoadSnapshot) =>
  percentile(
    [...snapshot.deliveryMs].sort((a, b) => a - b),
    99,
  );

export async function runS7(params: S7Params): Promise<ScenarioResult> {
  const started = performance.now();
  const seeded = await seedUsers('s7', params.pairs * 2 + 2, Math.max(1, params.hostileSockets));
  const [attacker, victim] = seeded.users.slice(-2) as [SeededUser, SeededUser];
  const pairs = { ...seeded, users: seeded.users.slice(0, params.pairs * 2) };
  const server = await startRealServer(seeded.dataDir);
  const load = startLoadGenerator();
  const hostile: WebSocket[] = [];
  try {
    await fillChat(server.url, attacker, victim, params.historyMessages);
    await connectAll(load, server.url, pairedSockets(pairs));
    await load.call({ cmd: 'pace', periodMs: params.periodMs, content: chatContent });
    await sleep(params.warmupMs);
    await server.probe({ cmd: 'gc' });
    await load.call({ cmd: 'snapshot' });
    await sleep(params.windowMs);
    const quiet = await load.call<LoadSnapshot>({ cmd: 'snapshot' });
    const before = await server.probe({ cmd: 'sample' });

    let peak: ProbeReply = before;
    const sampler = setInterval(() => {
      void server.probe({ cmd: 'sample' }).then((s) => {
        if (s.rss > peak.rss) peak = s;
      });
    }, 100);
    const flood = loginFlood(
      server.url,
      pairs.users.map((u) => u.name),
      params.loginConcurrency,
    );
    for (let i = 0; i < params.hostileSockets; i++) {
      hostile.push(await hostileSocket(server.url, attacker.tokens[i]!, victim.id, params.requestsPerSocket));
    }
    await sleep(params.windowMs);
    const attacked = await load.call<LoadSnapshot>({ cmd: 'snapshot' });
    const logins = await flood.stop();
    clearInterval(sampler);
    const after = await server.probe({ cmd: 'sample' });
    if (after.rss > peak.rss) peak = after;
    await load.call({ cmd: 'stop' }, 60_000);
    await load.call({ cmd: 'disconnect' });

    const mib = (bytes: number) => `${fmt(bytes / 2 ** 20)} MiB`;
    const growth = peak.rss - before.rss;
    const quietP99 = p99Of(quiet);
    const attackedP99 = p99Of(attacked);
    const ratio = attackedP99 / quietP99;
    say(
      `  before the attack: p99 ${fmt(quietP99, 1)} ms over ${fmt(quiet.deliveryMs.length)} deliveries; RSS ${mib(before.rss)}`,
    );
    say(
      `  under attack:      p99 ${fmt(attackedP99, 1)} ms over ${fmt(attacked.deliveryMs.length)} deliveries; RSS peak ${mib(peak.rss)} (+${mib(growth)})`,
    );
    say(`  login flood answers by status: ${JSON.stringify(logins)}`);
    const notes: string[] = [];
    if (attacked.failed > quiet.failed)
      notes.push(`${attacked.failed - quiet.failed} of the pairs' sends failed during the attack`);
    return {
      id: 'S7',
      title: 'hostile sockets and a login flood beside 100 chatting pairs',
      measured: `RSS +${mib(growth)} during the attack; pairs' p99 ${fmt(attackedP99, 1)} ms`,
      reference: `the same pairs just before the attack: p99 ${fmt(quietP99, 1)} ms`,
      ratio,
      ratioMeaning: 'p99 under attack / p99 before',
      goals: [
        { text: 'RSS growth < 200 MB', pass: growth < 200e6, reading: mib(growth) },
        { text: 'p99 < 2× the p99 without the attack', pass: ratio < 2, reading: `${fmt(ratio, 2)}×` },
      ],
      placement: placementOf(server, load, 'attackers in the bench process'),
      details: { params, quietP99, attackedP99, rssBefore: before.rss, rssPeak: peak.rss, logins },
      notes,
      durationMs: performance.now() - started,
    };
  } finally {
    for (const ws of hostile) ws.terminate();
    await load.stop();
    await server.stop();
    removeSeed(seeded);
  }
}
