// Helpers shared by the chat and message tests (messages, chats, history, typing, malformed).
import { expect } from 'vitest';
import type { Chat, Message } from '../../protocol/contract.js';
import { request, type ClientSocket } from './clients.js';
import type { Device, Person } from './world.js';

let counter = 0;
/** A fresh, valid clientId. */
export function newClientId(prefix = 'c'): string {
  return `${prefix}-${process.pid}-${++counter}`;
}

/** Sends a request that must succeed; resolves with its ack. */
export async function ok(socket: ClientSocket, event: string, payload?: unknown): Promise<any> {
  const ack = await request(socket, event, payload);
  if (ack?.ok !== true) throw new Error(`${event} ${JSON.stringify(payload)} failed: ${JSON.stringify(ack)}`);
  return ack;
}

/** Sends a request that must fail with `code` and a sentence for a person. */
export async function fails(socket: ClientSocket, event: string, payload: unknown, code: string): Promise<void> {
  const ack = await request(socket, event, payload);
  expect(ack, `${event} ${JSON.stringify(payload)?.slice(0, 200)}`).toMatchObject({ ok: false, error: { code } });
  expect(typeof ack.error.message).toBe('string');
  expect(ack.error.message.trim().length).toBeGreaterThan(0);
}

/** Sends a message that must be stored; resolves with the sender's copy. */
export async function send(
  socket: ClientSocket,
  to: number,
  content = 'hello',
  clientId = newClientId(),
): Promise<Message> {
  const ack = await ok(socket, 'message:send', { to, clientId, content });
  return ack.message as Message;
}

export async function chats(socket: ClientSocket): Promise<Chat[]> {
  return (await ok(socket, 'chats:list')).chats as Chat[];
}

export async function chatWith(socket: ClientSocket, who: number): Promise<Chat | undefined> {
  return (await chats(socket)).find((chat) => chat.who === who);
}

/** Every copy in the caller's record for `who`, ascending, fetched page by page. */
export async function fullHistory(socket: ClientSocket, who: number): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const page = await ok(socket, 'chat:history', { who, afterSeq: all.at(-1)?.seq ?? 0, limit: 200 });
    all.push(...(page.messages as Message[]));
    if (!page.hasMore) return all;
  }
}

/**
 * Everything that is stored for these people, as their own clients can see it: each one's
 * chats:list and the full history of every record listed, plus the history with each other.
 */
export async function snapshot(people: Person[]): Promise<unknown> {
  const result: Record<number, unknown> = {};
  for (const person of people) {
    const list = await chats(person.socket);
    const peers = new Set([...list.map((chat) => chat.who), ...people.filter((p) => p !== person).map((p) => p.id)]);
    const histories: Record<number, unknown> = {};
    for (const peer of [...peers].sort((a, b) => a - b)) {
      histories[peer] = await ok(person.socket, 'chat:history', { who: peer, limit: 200 });
    }
    result[person.id] = { list, histories };
  }
  return result;
}

export function devicesOf(...people: Person[]): Device[] {
  return people.flatMap((person) => person.devices);
}

export function clearLogs(devices: Device[]): void {
  for (const device of devices) device.log.clear();
}

/** A clock the server reads through `now`: it stands still until a test moves it forward. */
export class TestClock {
  private time = Date.now();
  readonly now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

export { atMostPending } from './pending.js';
