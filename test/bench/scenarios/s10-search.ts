// S10: messages:search on a large store. The real server holds `messages` stored messages
// (seed-messages.ts: mixed sizes and languages, some Chinese); 200 searches by the seeded users
// go through messages:search one at a time and are timed to their ack, then the same searches
// run as a LIKE '%q%' scan of the same file in this process (the reference, same run). Then S1's
// send rate with the index kept up to date against the same server indexing nothing, to show
// what keeping the index costs a send.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import type { SearchPage } from '../../../protocol/contract.js';
import { databaseFileName } from '../../../server/store/sqlite/sqlite-store.js';
import { likePattern } from '../../../server/store/sql/search-statements.js';
import { startLoadGenerator, startRealServer } from '../support/procs.js';
import { fmt, percentile, say, type ScenarioResult } from '../support/report.js';
import { benchTemp, removeSeed, seedUsers } from '../support/seed.js';
import { random, searchQuery, seedMessages } from '../support/seed-messages.js';
import { connectAll, driveS1, pairedSockets, placementOf, type S1Params, type S1Run } from './server-scenarios.js';

export interface S10Params {
  messages: number;
  users: number;
  peersPerUser: number;
  /** Users 1…searchers search. */
  searchers: number;
  queries: number;
  s1: S1Params;
}

const p99GoalMs = 50;
const speedupGoal = 20;
const sendRateGoal = 0.9;

function open(url: string, token: string): Promise<Socket> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

type Query = { user: number; q: string };

async function searchAll(sockets: Socket[], queries: Query[]): Promise<{ ms: number[]; ids: number[][] }> {
  const ms: number[] = [];
  const ids: number[][] = [];
  for (const { user, q } of queries) {
    const started = performance.now();
    const ack = (await sockets[user - 1]!.emitWithAck('messages:search', { q })) as { ok: boolean } & SearchPage;
    ms.push(performance.now() - started);
    if (!ack.ok) throw new Error(`messages:search ${q} failed: ${JSON.stringify(ack)}`);
    ids.push(ack.hits.map((hit) => hit.id));
  }
  return { ms, ids };
}

/** The same searches without the index: newest messages first, LIKE on each, until a page is full. */
function scanAll(dataDir: string, queries: Query[]): { ms: number[]; ids: number[][] } {
  const db = new Database(path.join(dataDir, databaseFileName), { readonly: true });
  try {
    const scan = db.prepare(`SELECT m.id FROM messages m
      CROSS JOIN copies k ON k.message_id = m.id
      CROSS JOIN chats c ON c.id = k.chat_id
      WHERE c.owner = ? AND (m.sender = ? OR m.recipient = ?) AND m.content LIKE ? ESCAPE '\\'
      ORDER BY m.id DESC LIMIT 20`);
    const ms: number[] = [];
    const ids: number[][] = [];
    for (const { user, q } of queries) {
      const started = performance.now();
      const rows = scan.all(user, user, user, likePattern(q)) as Array<{ id: number }>;
      ms.push(performance.now() - started);
      ids.push(rows.map((row) => row.id));
    }
    return { ms, ids };
  } finally {
    db.close();
  }
}

/** S1 on one real server; without the index, nothing is indexed. */
async function sendRate(params: S1Params, withIndex: boolean): Promise<S1Run> {
  const seeded = await seedUsers('s10-s1', params.pairs * 2);
  if (!withIndex) {
    const db = new Database(path.join(seeded.dataDir, databaseFileName));
    // Nothing is ever behind the index: no message gets indexed.
    db.exec(`UPDATE message_text_progress SET upto = ${Number.MAX_SAFE_INTEGER}`);
    db.close();
  }
  const server = await startRealServer(seeded.dataDir);
  const load = startLoadGenerator();
  try {
    const connected = await connectAll(load, server.url, pairedSockets(seeded));
    const setup = { rig: { servers: [server], load }, connectMs: connected.ms, placement: placementOf(server, load) };
    const kind = withIndex ? 'with index' : 'without index';
    return await driveS1(setup, kind, params, { profile: false, profileDir: '' }, `s10-${kind}`);
  } finally {
    await load.stop();
    await server.stop();
    removeSeed(seeded);
  }
}

const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 };
};

export async function runS10(params: S10Params): Promise<ScenarioResult> {
  const started = performance.now();
  const root = benchTemp('s10');
  const dataDir = path.join(root, 'data');
  const tokens = Array.from({ length: params.searchers }, (_, i) => `s10-token-${i}`);
  const sockets: Socket[] = [];
  try {
    const { seedMs, indexMs } = seedMessages(dataDir, { ...params, tokens });
    const size = fs.statSync(path.join(dataDir, databaseFileName)).size;
    say(
      `  ${fmt(params.messages)} messages seeded in ${fmt(seedMs / 1000, 1)} s; index built in ${fmt(indexMs / 1000, 1)} s; file ${fmt(size / 1e6)} MB`,
    );
    const rnd = random(2);
    const queries = Array.from({ length: params.queries }, () => ({
      user: 1 + Math.floor(rnd() * params.searchers),
      q: searchQuery(rnd),
    }));
    const server = await startRealServer(dataDir);
    let served;
    try {
      for (const token of tokens) sockets.push(await open(server.url, token));
      await searchAll(sockets, queries.slice(0, 20)); // warm-up
      served = await searchAll(sockets, queries);
    } finally {
      for (const socket of sockets) socket.disconnect();
      await server.stop();
    }
    const scanned = scanAll(dataDir, queries);
    const differ = queries.filter((_, i) => served.ids[i]!.join() !== scanned.ids[i]!.join()).length;
    const index = stats(served.ms);
    const scan = stats(scanned.ms);
    say(`  messages:search: p50 ${fmt(index.p50, 1)} ms, p99 ${fmt(index.p99, 1)} ms, max ${fmt(index.max, 1)} ms`);
    say(`  LIKE scan:       p50 ${fmt(scan.p50, 1)} ms, p99 ${fmt(scan.p99, 1)} ms, max ${fmt(scan.max, 1)} ms`);

    const without = await sendRate(params.s1, false);
    const withIndex = await sendRate(params.s1, true);
    const sendRatio = withIndex.sendsPerSecond / without.sendsPerSecond;
    say(
      `  S1 sends/s: ${fmt(withIndex.sendsPerSecond)} with the index, ${fmt(without.sendsPerSecond)} without (${fmt(sendRatio * 100)} %)`,
    );
    const speedup = scan.p50 / index.p50;
    return {
      id: 'S10',
      title: 'messages:search over a large store vs a LIKE scan; send rate with the index kept',
      measured: `messages:search p50 ${fmt(index.p50, 1)} ms, p99 ${fmt(index.p99, 1)} ms over ${fmt(params.messages)} messages (${params.queries} queries); S1 ${fmt(withIndex.sendsPerSecond)} sends/s with the index`,
      reference: `LIKE '%q%' scan p50 ${fmt(scan.p50, 1)} ms, p99 ${fmt(scan.p99, 1)} ms; S1 ${fmt(without.sendsPerSecond)} sends/s without the index`,
      ratio: speedup,
      ratioMeaning: 'scan p50 / search p50',
      goals: [
        { text: `search p99 < ${p99GoalMs} ms`, pass: index.p99 < p99GoalMs, reading: `${fmt(index.p99, 1)} ms` },
        {
          text: `≥ ${speedupGoal}× faster than the scan (p50 and p99)`,
          pass: speedup >= speedupGoal && scan.p99 / index.p99 >= speedupGoal,
          reading: `p50 ${fmt(speedup, 1)}×, p99 ${fmt(scan.p99 / index.p99, 1)}×`,
        },
        {
          text: `send rate with the index ≥ ${fmt(sendRateGoal * 100)} % of without`,
          pass: sendRatio >= sendRateGoal,
          reading: `${fmt(sendRatio * 100)} %`,
        },
      ],
      placement: `server and scan on the bench's cores; S1: ${withIndex.placement}`,
      details: { params, seedMs, indexMs, fileBytes: size, index, scan, differ, withIndex, without },
      notes: differ > 0 ? [`${differ} of ${params.queries} searches answered other ids than the scan`] : [],
      durationMs: performance.now() - started,
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
