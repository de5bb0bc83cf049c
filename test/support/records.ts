// Reading whole chat records over the wire, and the invariants two records of one pair keep.
import { expect } from 'vitest';
import type { Message } from '../../protocol/contract.js';
import { request, type ClientSocket } from './clients.js';

/** The caller's whole record for `who`, paged with `afterSeq` as a catching-up client does. */
export async function readRecord(socket: ClientSocket, who: number): Promise<Message[]> {
  const messages: Message[] = [];
  for (;;) {
    const page = await request(socket, 'chat:history', { who, afterSeq: messages.at(-1)?.seq ?? 0, limit: 200 });
    if (!page.ok) throw new Error(`chat:history: ${JSON.stringify(page.error)}`);
    messages.push(...(page.messages as Message[]));
    if (!page.hasMore) return messages;
    if (page.messages.length === 0) throw new Error('chat:history said hasMore but returned nothing');
  }
}

/** A message a client sent, by sender and clientId. */
export interface SentMessage {
  from: number;
  clientId: string;
  content: string;
}

/**
 * The two records of a pair after a fault: seqs 1..n without gaps in each, the same message ids
 * in the same order in both (neither record was ever deleted), every (sender, clientId) at most once, nothing that was not sent,
 * and every acknowledged message present exactly as acknowledged (the ack is the sender's copy).
 */
export function checkPairRecords(options: {
  owners: [number, number];
  records: [Message[], Message[]];
  sent: SentMessage[];
  acked: Message[];
}): void {
  const { owners, records, sent, acked } = options;
  const key = (from: number, clientId: string) => `${from}:${clientId}`;
  const sentByKey = new Map(sent.map((s) => [key(s.from, s.clientId), s]));

  for (const record of records) {
    expect(record.map((m) => m.seq)).toEqual(record.map((_, i) => i + 1));
    const keys = record.map((m) => key(m.user, m.clientId));
    expect(new Set(keys).size, 'a (sender, clientId) stored twice').toBe(keys.length);
    expect(new Set(record.map((m) => m.id)).size, 'a message id twice in one record').toBe(record.length);
    for (const message of record) {
      const origin = sentByKey.get(key(message.user, message.clientId));
      expect(origin, `stored but never sent: ${JSON.stringify(message)}`).toBeDefined();
      expect(message.content).toBe(origin!.content);
      expect(owners).toContain(message.user);
    }
  }
  const [first, second] = records;
  expect(second.map((m) => m.id)).toEqual(first.map((m) => m.id));
  // Nothing was ever deleted, so every message went into both records at the same seq and
  // its two copies are equal field for field.
  expect(second).toEqual(first);

  const senderRecord = (from: number) => records[owners.indexOf(from)]!;
  for (const ack of acked) {
    const stored = senderRecord(ack.user).filter((m) => m.id === ack.id);
    expect(stored, `acknowledged but not stored exactly once: ${JSON.stringify(ack)}`).toHaveLength(1);
    expect(stored[0]).toEqual(ack);
  }
}
