// Group commit of PostgreSQL sends (server/store/postgres/send-batches.ts): sends made in one turn
// are written in one transaction, and each gets what it would get sent alone, one after another —
// the same records, seqs, unread counts and read receipts; a repeat (stored before, or earlier in
// the batch) answered with the first copy and taking no slot; a refused send not failing the others.
import pg from 'pg';
import { expect, it, onTestFinished } from 'vitest';
import type { Message } from '../../protocol/contract.js';
import { admittedSend } from '../../server/chat/admitted-send.js';
import { SendLimit } from '../../server/chat/send-limit.js';
import { PostgresStore } from '../../server/store/postgres/postgres-store.js';
import type { NewMessage, SendJudgement, SendOutcome } from '../../server/store/store.js';
import { storeWithUsers } from '../support/fresh-postgres.js';

interface Planned {
  message: NewMessage;
  viewing: boolean;
  refuse: boolean;
}

/**
 * 40 sends among four users (every pair both ways, some receivers viewing), with a repeat of an
 * earlier send of the batch at 10 and 42, a refused send at 20 and its clientId again (admitted) at
 * 43, and a repeat of a send stored before the batch at 44.
 */
function plan(ids: number[]): Planned[] {
  const base: Planned[] = Array.from({ length: 40 }, (_, k) => ({
    message: {
      from: ids[k % 4]!,
      to: ids[((k % 4) + 1 + (Math.floor(k / 4) % 3)) % 4]!,
      clientId: `c${k}`,
      content: `#${k}`,
      date: 100 + k,
    },
    viewing: k % 5 === 0,
    refuse: false,
  }));
  const again = (k: number, change: Partial<NewMessage>): Planned => ({
    message: { ...base[k]!.message, ...change },
    viewing: false,
    refuse: false,
  });
  return [
    ...base.slice(0, 10),
    again(3, { content: 'again' }),
    ...base.slice(10, 19),
    { ...again(5, { clientId: 'refused', content: 'no' }), refuse: true },
    ...base.slice(19),
    again(29, { date: 999 }),
    again(5, { clientId: 'refused', content: 'yes' }),
    again(0, { clientId: 'before', content: 'repeat' }),
  ];
}

function judge(planned: Planned, admitted: string[]): SendJudgement {
  return {
    receiverViewing: () => planned.viewing,
    admit: () => {
      admitted.push(planned.message.clientId);
      return !planned.refuse;
    },
  };
}

/** An outcome without the record ids, which depend on the order records were first created in. */
function comparable(outcome: SendOutcome): unknown {
  if (outcome.kind !== 'stored') return outcome;
  const side = ({ chat, message }: { chat: { id: number }; message: Message }) => ({
    chat: { ...chat, id: 0 },
    message,
  });
  return { kind: outcome.kind, sender: side(outcome.sender), receiver: side(outcome.receiver) };
}

it('writes sends made in one turn in one batch, each with what it would get sent alone', async () => {
  const batched = await storeWithUsers('b', 4);
  const alone = await storeWithUsers('b', 4);
  expect(batched.ids).toEqual(alone.ids);
  const sends = plan(batched.ids);
  const before = { from: batched.ids[0]!, to: batched.ids[1]!, clientId: 'before', content: 'first', date: 1 };
  for (const { store } of [batched, alone]) {
    await store.sendMessage(before, { receiverViewing: () => false, admit: () => true });
  }

  const batchedAdmitted: string[] = [];
  const batchesBefore = batched.store.sendBatches;
  const outcomes = await Promise.all(sends.map((s) => batched.store.sendMessage(s.message, judge(s, batchedAdmitted))));
  expect(batched.store.sendBatches - batchesBefore).toBe(1);

  const aloneAdmitted: string[] = [];
  const expected: SendOutcome[] = [];
  for (const s of sends) expected.push(await alone.store.sendMessage(s.message, judge(s, aloneAdmitted)));
  expect(alone.store.sendBatches).toBe(sends.length + 1);

  expect(outcomes.map(comparable)).toEqual(expected.map(comparable));
  // Asked for a slot: every send but a repeat of an earlier send of its batch (40 planned, the
  // refused one and its later retry) and the repeat of a send stored before the batch, whose slot
  // admittedSend gives back (below). Sent alone, the two repeats of the batch's sends are asked too.
  const planned = Array.from({ length: 40 }, (_, k) => `c${k}`);
  expect(batchedAdmitted).toEqual([...planned.slice(0, 19), 'refused', ...planned.slice(19), 'refused', 'before']);
  expect(aloneAdmitted).toEqual([
    ...planned.slice(0, 10),
    'c3',
    ...planned.slice(10, 19),
    'refused',
    ...planned.slice(19),
    'c29',
    'refused',
    'before',
  ]);

  // The repeats answer their first copy; the refused send wrote nothing and failed nothing else.
  const stored = (i: number) => outcomes[i] as Extract<SendOutcome, { kind: 'stored' }>;
  expect(outcomes[10]).toEqual({ kind: 'duplicate', first: stored(3).sender.message });
  expect(outcomes[20]).toEqual({ kind: 'refused' });
  expect(outcomes[42]).toEqual({ kind: 'duplicate', first: stored(31).sender.message });
  expect(outcomes.at(-2)).toMatchObject({
    kind: 'stored',
    sender: { message: { clientId: 'refused', content: 'yes' } },
  });
  expect(outcomes.at(-1)).toMatchObject({ kind: 'duplicate', first: { clientId: 'before', content: 'first' } });
  expect(outcomes.filter((o) => o.kind === 'stored')).toHaveLength(41);

  // Every record gap-free, each sender's messages in the order sent, each stored send once.
  const ids = batched.ids;
  for (const owner of ids) {
    for (const peer of ids.filter((id) => id !== owner)) {
      const records = await Promise.all(
        [batched, alone].map(async ({ store }) => (await store.history(owner, peer, { limit: 1000 })).messages),
      );
      const messages = records[0]!;
      expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
      expect(messages).toEqual(records[1]);
      const wanted = sends
        .map((s, i) => ({ s, o: outcomes[i]! }))
        .filter(
          ({ s, o }) =>
            o.kind === 'stored' && [s.message.from, s.message.to].sort().join() === [owner, peer].sort().join(),
        )
        .map(({ s }) => s.message.clientId);
      const seen = messages.filter((m) => m.clientId !== 'before').map((m) => m.clientId);
      expect(seen).toEqual(wanted);
    }
    const chats = await Promise.all([batched, alone].map(({ store }) => store.listChats(owner, 0, 100)));
    // Listed by record id, which differs: compared by peer.
    const strip = (list: Array<{ id: number; who: number }>) =>
      list.map((chat) => ({ ...chat, id: 0 })).sort((a, b) => a.who - b.who);
    expect(strip(chats[0]!)).toEqual(strip(chats[1]!));
  }
});

it('carries pinned, muted, marked unread, a deleted record and read receipts off through a batch as sends alone do', async () => {
  const batched = await storeWithUsers('b', 4);
  const alone = await storeWithUsers('b', 4);
  const [a, b, c, d] = batched.ids as [number, number, number, number];
  const free = { receiverViewing: () => false, admit: () => true };
  const viewing = { receiverViewing: () => true, admit: () => true };
  for (const { store } of [batched, alone]) {
    // History in every record, then state of every kind on them.
    for (const [from, to, k] of [
      [a, b, 1],
      [b, a, 2],
      [c, d, 3],
      [d, c, 4],
      [a, c, 5],
      [c, a, 6],
    ] as const) {
      await store.sendMessage({ from, to, clientId: `h${k}`, content: `h${k}`, date: k }, free);
    }
    await store.changeRecord(a, b, { pinned: true, now: 50 });
    await store.changeRecord(b, a, { muted: true });
    await store.changeRecord(b, a, { markedUnread: true });
    await store.changeRecord(c, d, { markedUnread: true });
    await store.deleteChat(d, c);
    await store.setReadReceipts(c, false);
  }
  // In one batch: receiving before sending, several sends each way, a viewing receiver, and the
  // record deleted above made again.
  const sends: Array<[number, number, SendJudgement]> = [
    [a, b, free],
    [a, b, viewing],
    [b, a, free],
    [a, b, free],
    [c, d, free],
    [d, c, viewing],
    [c, d, free],
    [b, a, viewing],
    [c, a, viewing],
    [a, c, free],
  ];
  const message = ([from, to]: [number, number, SendJudgement], k: number) => ({
    from,
    to,
    clientId: `s${k}`,
    content: `s${k}`,
    date: 100 + k,
  });
  const batchesBefore = batched.store.sendBatches;
  const outcomes = await Promise.all(sends.map((s, k) => batched.store.sendMessage(message(s, k), s[2])));
  expect(batched.store.sendBatches - batchesBefore).toBe(1);
  const expected: SendOutcome[] = [];
  for (const [k, s] of sends.entries()) expected.push(await alone.store.sendMessage(message(s, k), s[2]));
  expect(outcomes.map(comparable)).toEqual(expected.map(comparable));
  // The states were there to carry: a pinned, muted record, and read receipts that moved.
  const stored = (i: number) => outcomes[i] as Extract<SendOutcome, { kind: 'stored' }>;
  expect(stored(2).sender.chat).toMatchObject({ muted: true, unread: 0 });
  expect(stored(2).sender.chat.markedUnread).toBeUndefined();
  expect(stored(2).receiver.chat.peerReadId).toBe(stored(1).sender.message.id);
  expect(stored(0).sender.chat.pinnedAt).toBe(50);
  for (const owner of batched.ids) {
    const chats = await Promise.all([batched, alone].map(({ store }) => store.listChats(owner, 0, 100)));
    const strip = (list: Array<{ id: number; who: number }>) =>
      list.map((chat) => ({ ...chat, id: 0 })).sort((x, y) => x.who - y.who);
    expect(strip(chats[0]!)).toEqual(strip(chats[1]!));
  }
});

it('keeps every record gap-free when two nodes write overlapping batches both ways at once', async () => {
  const { store: one, ids, url } = await storeWithUsers('b', 6);
  const two = await PostgresStore.open(url, { poolSize: 4 });
  onTestFinished(() => two.close());
  const admit = { receiverViewing: () => false, admit: () => true };
  const sent = new Map<string, string[]>();
  const rounds: Array<Promise<SendOutcome>> = [];
  for (let round = 0; round < 6; round++) {
    for (const [n, store] of [one, two].entries()) {
      for (let k = 0; k < 30; k++) {
        const from = ids[(k + n) % 6]!;
        const to = ids[(k + n + 1 + ((k + round + n) % 5)) % 6]!;
        const clientId = `${n}-${round}-${k}`;
        const key = `${from}>${to}`;
        sent.set(key, [...(sent.get(key) ?? []), clientId]);
        rounds.push(store.sendMessage({ from, to, clientId, content: clientId, date: round }, admit));
      }
    }
    // The next round is made while this one's batches are being written.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const outcomes = await Promise.all(rounds);
  expect(outcomes.every((o) => o.kind === 'stored')).toBe(true);
  expect(one.sendBatches + two.sendBatches).toBeLessThan(outcomes.length);
  for (const owner of ids) {
    for (const peer of ids.filter((id) => id !== owner)) {
      const { messages } = await one.history(owner, peer, { limit: 1000 });
      expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
      const mine = (from: number) => messages.filter((m) => m.user === from).map((m) => m.clientId);
      // Both nodes' sends of one sender interleave, but each node's keep their order.
      for (const node of ['0-', '1-']) {
        const byNode = (list: string[]) => list.filter((id) => id.startsWith(node));
        expect(byNode(mine(owner))).toEqual(byNode(sent.get(`${owner}>${peer}`) ?? []));
        expect(byNode(mine(peer))).toEqual(byNode(sent.get(`${peer}>${owner}`) ?? []));
      }
    }
  }
});

it("gives a repeat's slot back, and judges again in the next batch a send refused for want of it", async () => {
  const { store, ids } = await storeWithUsers('b', 2);
  const [ann, bob] = ids as [number, number];
  const limit = new SendLimit(2, 60_000);
  const send = (clientId: string) =>
    admittedSend(limit, ann, 1_000, (admit) =>
      store.sendMessage(
        { from: ann, to: bob, clientId, content: clientId, date: 1_000 },
        { receiverViewing: () => false, admit },
      ),
    );
  expect(await send('k1')).toMatchObject({ kind: 'stored' });
  const batches = store.sendBatches;
  // One slot is left. Sent one at a time, k1 again takes none and k2 takes it: so here too.
  const [again, second] = await Promise.all([send('k1'), send('k2')]);
  expect(again).toMatchObject({ kind: 'duplicate', first: { clientId: 'k1', seq: 1 } });
  expect(second).toMatchObject({ kind: 'stored', sender: { message: { clientId: 'k2', seq: 2 } } });
  expect(store.sendBatches - batches).toBe(2);
  // Both slots are taken now, and the repeat's was given back once: k3 is refused.
  await expect(send('k3')).rejects.toMatchObject({ code: 'rate_limited' });
});

it('fails every send of a batch the database fails, stores none of them, and writes the next batch', async () => {
  const { store, ids, url } = await storeWithUsers('b', 3);
  const [ann, bob, cy] = ids as [number, number, number];
  const admit = { receiverViewing: () => false, admit: () => true };
  const send = (from: number, to: number, clientId: string) =>
    store.sendMessage({ from, to, clientId, content: clientId, date: 1 }, admit);
  await send(ann, cy, 'before');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE FUNCTION fail_cy() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.recipient = ${cy} THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`);
    await admin.query('CREATE TRIGGER fail_to_cy BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION fail_cy()');
    const batch = [send(ann, bob, 'a1'), send(bob, ann, 'b1'), send(ann, cy, 'a2'), send(cy, bob, 'c1')];
    const settled = await Promise.allSettled(batch);
    expect(settled.map((s) => s.status === 'rejected' && String(s.reason))).toEqual(
      Array(4).fill('error: injected failure'),
    );
    const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM messages');
    expect(rows).toEqual([{ n: 1 }]);
    await admin.query('DROP TRIGGER fail_to_cy ON messages');
  } finally {
    await admin.end();
  }
  // Nothing was taken: the same clientIds are new sends now, and every record stays gap-free.
  const again = await Promise.all([send(ann, bob, 'a1'), send(bob, ann, 'b1'), send(ann, cy, 'a2')]);
  expect(again.map((o) => o.kind === 'stored' && [o.sender.message.seq, o.receiver.message.seq])).toEqual([
    [1, 1],
    [2, 2],
    [2, 2],
  ]);
});

it("finds a long record's first copy in one step, not by reading the record's copies", async () => {
  const { store, ids, url } = await storeWithUsers('b', 2);
  const [ann, bob] = ids as [number, number];
  const free = { receiverViewing: () => false, admit: () => true };
  // Ann's record of Bob grows long; Bob has written to her, so each of her sends asks for the
  // newest message Bob sent her within her record, which starts at its first copy.
  await store.sendMessage({ from: bob, to: ann, clientId: 'hello', content: 'hello', date: 1 }, free);
  for (let round = 0; round < 8; round++) {
    const sends = Array.from({ length: 50 }, (_, k) => ({
      from: ann,
      to: bob,
      clientId: `a${round}-${k}`,
      content: 'x',
      date: 2 + round,
    }));
    await Promise.all(sends.map((send) => store.sendMessage(send, free)));
  }
  // The write's plans, as PostgreSQL ran them, sent back as notices (auto_explain, per session).
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const plans: unknown[] = [];
  client.on('notice', (notice) => {
    const text = notice.message ?? '';
    const json = text.slice(text.indexOf('{'));
    if (json.startsWith('{')) plans.push(JSON.parse(json));
  });
  try {
    await client.query(`LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0;
      SET auto_explain.log_analyze = on; SET auto_explain.log_nested_statements = on;
      SET auto_explain.log_format = json; SET auto_explain.log_level = notice`);
    // Past plpgsql's first five runs, after which it may keep a generic plan.
    for (let run = 0; run < 7; run++) {
      await client.query(
        `SELECT * FROM store_sends($1::bigint[], $2::bigint[], $3::text[], $4::bytea[], $5::bigint[], $6::boolean[])`,
        [
          [ann, ann],
          [bob, bob],
          [`p${run}a`, `p${run}b`],
          [Buffer.from('p'), Buffer.from('p')],
          [20, 20],
          [false, false],
        ],
      );
    }
  } finally {
    await client.end();
  }
  /** Rows each scan of copies returned per loop, over every plan node that reads copies. */
  const copyReads: number[] = [];
  const walk = (node: Record<string, unknown>) => {
    if (node['Relation Name'] === 'copies' && node['Node Type'] !== 'ModifyTable') {
      copyReads.push((node['Actual Rows'] as number) / Math.max(1, node['Actual Loops'] as number));
    }
    for (const child of (node.Plans as Array<Record<string, unknown>> | undefined) ?? []) walk(child);
  };
  const writes = plans.filter((plan) =>
    String((plan as { 'Query Text': string })['Query Text']).includes('WITH batch'),
  );
  expect(writes).toHaveLength(7);
  for (const plan of writes) walk((plan as { Plan: Record<string, unknown> }).Plan);
  expect(copyReads.length).toBeGreaterThan(0);
  expect(Math.max(...copyReads)).toBeLessThanOrEqual(1);
});
