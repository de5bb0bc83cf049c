// S4's worker process, one per step so that no step's heap weighs on another's:
//   generate         ~N MB of history written through the real ChatCache (each chat in pages
//                    of up to 500 copies, main/core/cache) and the same data as one lowdb file
//                    (the baseline)
//   measure-sharded  the stall of one incoming message in the real cache
//   measure-single   the same message in the single-file lowdb cache
//
// The stall is the longest time the main thread does not get back to the event loop while
// one incoming message is handled: a setImmediate loop stamps every turn, and the longest
// gap between two consecutive turns while the message's promise is pending is the stall.
// The work is what ChatSession.addCopy asks of the cache for a `message:new` (heldSeq,
// addMessages, then the re-sorted chat list to saveChats), awaited to the end, so the
// stringify, the write and everything after it are inside the window.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { openChatCache, type ChatCache } from '../../main/core/cache/chat-cache.js';
import { pageOf, pageSize } from '../../main/core/cache/schemas.js';
import { byRecency } from '../../protocol/order.js';
import type { Chat, Message } from '../../protocol/contract.js';

export interface S4GenerateRequest {
  cmd: 'generate';
  dir: string;
  totalMB: number;
  chats: number;
  bigChatMessages: number;
}

export interface S4Dataset {
  dir: string;
  shardedDir: string;
  singleFile: string;
  owner: number;
  /** Peer ids: the big chat first, then the others. */
  peers: number[];
  bigPeer: number;
  messages: number;
  shardedBytes: number;
  singleBytes: number;
  bigChatBytes: number;
  typicalChatBytes: number;
  /** The 10,000-message chat's newest page: what a message to it rewrites. */
  bigChatNewestPageBytes: number;
  chatListBytes: number;
  generateMs: number;
}

export interface S4MeasureRequest {
  cmd: 'measure-sharded' | 'measure-single';
  dataset: S4Dataset;
  repeats: number;
}

export interface StallSet {
  label: string;
  stallsMs: number[];
  /** Wall time from the message to its promise settling (writes included). */
  totalMs: number[];
}

export interface S4Measurement {
  floorMs: number;
  sets: StallSet[];
  heapUsedMB: number;
}

const owner = 1;
const words =
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua ut enim ad minim veniam quis nostrud exercitation ullamco'.split(
    ' ',
  );

/** Deterministic pseudo-random numbers, so every run caches the same history. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function makeMessages(peer: number, count: number, rand: () => number, start: number, firstSeq = 1): Message[] {
  const messages: Message[] = [];
  for (let seq = firstSeq; seq < firstSeq + count; seq++) {
    const fromOwner = rand() < 0.5;
    const length = 3 + Math.floor(rand() * 30);
    const content = Array.from({ length }, () => words[Math.floor(rand() * words.length)]).join(' ');
    messages.push({
      id: peer * 100_000 + seq,
      clientId: `c${peer}-${seq}-${Math.floor(rand() * 1e9).toString(36)}`,
      user: fromOwner ? owner : peer,
      name: fromOwner ? 'me' : `friend ${peer}`,
      date: start + seq * 60_000,
      content,
      seq,
    });
  }
  return messages;
}

/**
 * The 10,000-message chat holds the newest copies of a longer chat, placed so that its newest
 * page is nearly full (475 of 500): the messages measured rewrite about the largest page there
 * is, not a page just begun, and still fit in it (1 cold + up to 20 warm).
 */
function bigChatFirstSeq(count: number): number {
  const lastSeq = Math.ceil(count / pageSize) * pageSize + pageSize - 25;
  return lastSeq - count + 1;
}

function chatOf(peer: number, messages: Message[]): Chat {
  const last = messages.at(-1) ?? null;
  return {
    id: peer,
    user: owner,
    who: peer,
    name: `friend ${peer}`,
    unread: 0,
    updatedAt: last?.date ?? 0,
    lastSeq: last?.seq ?? 0,
    last,
  };
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

async function generate(request: S4GenerateRequest): Promise<S4Dataset> {
  const started = performance.now();
  const rand = random(42);
  const shardedDir = path.join(request.dir, 'sharded');
  const singleFile = path.join(request.dir, 'single.json');
  // Bytes per message as lowdb writes them (pretty-printed), to size the history.
  const sample = makeMessages(2, 200, random(7), 0);
  const bytesPerMessage = JSON.stringify({ messages: sample }, null, 2).length / sample.length;
  const totalMessages = Math.round((request.totalMB * 1e6) / bytesPerMessage);
  const others = request.chats - 1;
  const perOther = Math.max(1, Math.round((totalMessages - request.bigChatMessages) / others));

  const cache = await openChatCache(shardedDir);
  const chats: Chat[] = [];
  const single: { chats: Chat[]; messages: Record<string, Message[]> } = { chats: [], messages: {} };
  const peers: number[] = [];
  let messages = 0;
  const start = Date.parse('2025-01-01T00:00:00Z');
  for (let i = 0; i < request.chats; i++) {
    const peer = i + 2;
    const count = i === 0 ? request.bigChatMessages : Math.max(1, Math.round(perOther * (0.5 + rand())));
    const history = makeMessages(peer, count, rand, start + i * 1000, i === 0 ? bigChatFirstSeq(count) : 1);
    await cache.addMessages(peer, peer, history);
    chats.push(chatOf(peer, history));
    single.messages[peer] = history;
    peers.push(peer);
    messages += count;
  }
  chats.sort(byRecency);
  await cache.saveChats(chats);
  single.chats = chats;
  await new JSONFile(singleFile).write(single);
  const chatBytes = (peer: number) => dirBytes(path.join(shardedDir, 'chats', String(peer)));
  const bigLastSeq = bigChatFirstSeq(request.bigChatMessages) + request.bigChatMessages - 1;
  return {
    dir: request.dir,
    shardedDir,
    singleFile,
    owner,
    peers,
    bigPeer: peers[0]!,
    messages,
    shardedBytes: dirBytes(shardedDir),
    singleBytes: fs.statSync(singleFile).size,
    bigChatBytes: chatBytes(peers[0]!),
    typicalChatBytes: chatBytes(peers[Math.floor(peers.length / 2)]!),
    bigChatNewestPageBytes: fs.statSync(path.join(shardedDir, 'chats', String(peers[0]!), `${pageOf(bigLastSeq)}.json`))
      .size,
    chatListBytes: fs.statSync(path.join(shardedDir, 'chats.json')).size,
    generateMs: performance.now() - started,
  };
}

/** Runs `work` while a setImmediate loop stamps every event-loop turn; returns the longest gap. */
async function stallOf(work: () => Promise<void>): Promise<{ stallMs: number; totalMs: number }> {
  let last = performance.now();
  let longest = 0;
  let sampling = true;
  const tick = () => {
    const now = performance.now();
    if (now - last > longest) longest = now - last;
    last = now;
    if (sampling) setImmediate(tick);
  };
  setImmediate(tick);
  // A few idle turns first, so the loop is already spinning when the message comes.
  await new Promise((resolve) => setTimeout(resolve, 5));
  longest = 0;
  const started = performance.now();
  await work();
  const totalMs = performance.now() - started;
  // The turn that follows the last synchronous step closes the last gap.
  await new Promise((resolve) => setImmediate(resolve));
  sampling = false;
  return { stallMs: longest, totalMs };
}

/** The probe's own longest gap with nothing to do: the median of five 50 ms idle windows. */
async function noiseFloor(): Promise<number> {
  const gaps: number[] = [];
  for (let i = 0; i < 5; i++)
    gaps.push((await stallOf(() => new Promise((resolve) => setTimeout(resolve, 50)))).stallMs);
  return gaps.sort((a, b) => a - b)[2]!;
}

let nextId = 10_000_000;

function incoming(chat: Chat): { chat: Chat; message: Message } {
  const seq = chat.lastSeq + 1;
  const date = Math.max(Date.now(), chat.updatedAt + 1);
  const message: Message = {
    id: nextId++,
    clientId: `in-${nextId}`,
    user: chat.who,
    name: chat.name,
    date,
    content: 'Are we still on for lunch tomorrow? I can book the place near the station.',
    seq,
  };
  return { chat: { ...chat, lastSeq: seq, updatedAt: date, last: message, unread: chat.unread + 1 }, message };
}

/** What ChatSession.addCopy and setChats ask of the cache for one `message:new`. */
class ShardedHandler {
  constructor(
    private readonly cache: ChatCache,
    public chatList: Chat[],
  ) {}

  async onMessage(who: number): Promise<void> {
    const current = this.chatList.find((c) => c.who === who)!;
    const { chat, message } = incoming(current);
    const held = await this.cache.heldSeq(who, chat.id);
    if (held > 0 && message.seq > held + 1) throw new Error('gap: the bench expected none');
    await this.cache.addMessages(who, chat.id, [message]);
    this.chatList = [...this.chatList.filter((c) => c.who !== who), chat].sort(byRecency);
    await this.cache.saveChats(this.chatList);
  }
}

async function measureSharded(request: S4MeasureRequest): Promise<S4Measurement> {
  const { dataset, repeats } = request;
  const cache = await openChatCache(dataset.shardedDir);
  const handler = new ShardedHandler(cache, cache.chats());
  const typical = dataset.peers.slice(1);
  // One message to a chat that is not measured first: by the time a message arrives, the app
  // has run this code at startup (catch-up reads chat files), so its compilation is not counted.
  await handler.onMessage(typical.at(-1)!);
  const floor = await noiseFloor();
  const sets: StallSet[] = [];
  const run = async (label: string, peers: number[]) => {
    const set: StallSet = { label, stallsMs: [], totalMs: [] };
    for (const peer of peers) {
      const { stallMs, totalMs } = await stallOf(() => handler.onMessage(peer));
      set.stallsMs.push(stallMs);
      set.totalMs.push(totalMs);
    }
    sets.push(set);
  };
  // Cold: the first message to a chat since the app started reads and checks its file.
  await run('cold, typical chat (file read on first use)', typical.slice(0, repeats));
  await run('cold, 10,000-message chat (file read on first use)', [dataset.bigPeer]);
  // Warm: the chat's file is open, as it is for the chat being talked in.
  await run(
    'warm, typical chat',
    Array.from({ length: repeats }, () => typical[0]!),
  );
  await run(
    'warm, 10,000-message chat',
    Array.from({ length: repeats }, () => dataset.bigPeer),
  );
  return { floorMs: floor, sets, heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20 };
}

async function measureSingle(request: S4MeasureRequest): Promise<S4Measurement> {
  const { dataset, repeats } = request;
  type Single = { chats: Chat[]; messages: Record<string, Message[]> };
  const db = new Low<Single>(new JSONFile<Single>(dataset.singleFile), { chats: [], messages: {} });
  await db.read();
  const floor = await noiseFloor();
  const onMessage = async (who: number) => {
    const current = db.data.chats.find((c) => c.who === who)!;
    const { chat, message } = incoming(current);
    db.data.messages[who]!.push(message);
    db.data.chats = [...db.data.chats.filter((c) => c.who !== who), chat].sort(byRecency);
    await db.write();
  };
  const set: StallSet = { label: 'one file of everything, rewritten per message', stallsMs: [], totalMs: [] };
  for (let i = 0; i < repeats; i++) {
    const { stallMs, totalMs } = await stallOf(() => onMessage(dataset.peers[1 + i]!));
    set.stallsMs.push(stallMs);
    set.totalMs.push(totalMs);
  }
  return { floorMs: floor, sets: [set], heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20 };
}

process.on('message', (message: { id: number; request: S4GenerateRequest | S4MeasureRequest }) => {
  const { request } = message;
  const work =
    request.cmd === 'generate'
      ? generate(request)
      : request.cmd === 'measure-sharded'
        ? measureSharded(request)
        : measureSingle(request);
  work.then(
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
