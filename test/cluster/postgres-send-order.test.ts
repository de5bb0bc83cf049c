// The order of one sender's sends on PostgreSQL (server/store/postgres/send-batches.ts): a sender
// has one batch being written at a time, a socket's next send may start once its plain send is
// queued, and a send outside the batches (files, a reply) comes after the sender's batched sends.
import pg from 'pg';
import { expect, it } from 'vitest';
import type { NewMessage, SendOutcome } from '../../server/store/store.js';
import { storeWithUsers } from '../support/fresh-postgres.js';

const free = { receiverViewing: () => false, admit: () => true };

/**
 * Another transaction holds (owner, peer)'s record, so a batch writing to it waits inside its
 * write (holding its senders' locks) until `release`.
 */
async function holdRecord(url: string, owner: number, peer: number) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('BEGIN');
  await admin.query('SELECT 1 FROM chats WHERE owner = $1 AND peer = $2 FOR UPDATE', [owner, peer]);
  const batchWaits = async () => {
    const { rows } = await admin.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%write_sends%'",
    );
    return rows[0]!.n > 0;
  };
  return {
    /** Resolves once a batch's write waits for the record. */
    async batchWaiting(): Promise<void> {
      while (!(await batchWaits())) await admin.query('SELECT pg_stat_clear_snapshot()');
    },
    release: () => admin.query('ROLLBACK'),
    end: () => admin.end(),
  };
}

it('starts the next batch while the running one waits for its write, and keeps each sender to one batch at a time', async () => {
  const { store, ids, url } = await storeWithUsers('o', 4);
  const [ann, bob, cy, dee] = ids as [number, number, number, number];
  const send = (from: number, to: number, clientId: string) =>
    store.sendMessage({ from, to, clientId, content: clientId, date: 1 }, free);
  await send(ann, bob, 'a0');
  const held = await holdRecord(url, ann, bob);
  try {
    const first = send(ann, bob, 'a1');
    await held.batchWaiting();
    // ann's next send waits for the batch after a1's; cy's goes in a batch of its own at once.
    const later = send(ann, bob, 'a2');
    const other = await send(cy, dee, 'c1');
    expect(other).toMatchObject({ kind: 'stored', sender: { message: { seq: 1 } } });
    await held.release();
    const outcomes = await Promise.all([first, later]);
    expect(outcomes.map((o) => o.kind === 'stored' && o.sender.message.seq)).toEqual([2, 3]);
  } finally {
    await held.end();
  }
});

it("lets a socket's next send start once a plain send is queued, and writes a send with a reply after the sender's batched sends", async () => {
  const { store, ids, url } = await storeWithUsers('o', 3);
  const [ann, bob, cy] = ids as [number, number, number];
  const message = (to: number, clientId: string) => ({ from: ann, to, clientId, content: clientId, date: 1 });
  await store.sendMessage(message(cy, 'c0'), free);
  const a0 = await store.sendMessage(message(bob, 'a0'), free);
  if (a0.kind !== 'stored') throw new Error('a0 not stored');
  // The writes of sends with files or a reply, as the store makes them.
  const unbatched = store as unknown as { messages: { send: (...args: unknown[]) => Promise<SendOutcome> } };
  const writesOutsideBatches: string[] = [];
  const send = unbatched.messages.send.bind(unbatched.messages);
  unbatched.messages.send = (m, judge) => {
    writesOutsideBatches.push((m as NewMessage).clientId);
    return send(m, judge);
  };
  // Ann's first batch waits inside its write, holding her sender's lock.
  const held = await holdRecord(url, ann, cy);
  try {
    const first = store.sendMessage(message(cy, 'a1'), free);
    await held.batchWaiting();
    // Her next plain send is queued behind it at once: the socket's next send may start.
    let queued = 0;
    const second = store.sendMessage(message(bob, 'a2'), { ...free, queued: () => queued++ });
    expect(queued).toBe(1);
    // A reply made now must not get in ahead of a2, which waits for the next batch.
    const reply = store.sendMessage({ ...message(bob, 'r1'), replyTo: a0.sender.message.id }, free);
    expect(writesOutsideBatches).toEqual([]);
    await held.release();
    const outcomes = await Promise.all([first, second, reply]);
    expect(writesOutsideBatches).toEqual(['r1']);
    expect(outcomes.map((o) => o.kind === 'stored' && [o.sender.message.clientId, o.sender.message.seq])).toEqual([
      ['a1', 2],
      ['a2', 2],
      ['r1', 3],
    ]);
  } finally {
    await held.end();
  }
});
