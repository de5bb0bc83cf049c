// message:recall, message:edit and message:hide (docs/protocol.md 6.11) through real sockets:
// the action copies each record gets, the original's state in a later read, the windows on an
// injected clock, idempotent repeats, a third user refused, and catch-up while offline.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/contract.js';
import { limits } from '../../protocol/limits.js';
import { request } from '../support/clients.js';
import {
  chatWith,
  clearLogs,
  devicesOf,
  fails,
  fullHistory,
  newClientId,
  ok,
  send,
  TestClock,
} from '../support/chat-helpers.js';
import { World, type Person } from '../support/world.js';

async function act(person: Person, event: string, payload: Record<string, unknown>): Promise<Message> {
  return (await ok(person.socket, event, { clientId: newClientId('a'), ...payload })).message as Message;
}

describe('acting on a message', () => {
  let world: World;
  let clock: TestClock;
  let alice: Person;
  let bob: Person;
  beforeEach(async () => {
    clock = new TestClock();
    world = await World.start({ now: clock.now });
    alice = await world.person('alice');
    bob = await world.person('bob');
  });
  afterEach(async () => {
    await world.close();
  });

  it('recall: both records get the action copy, the original is erased for both, nothing is unread', async () => {
    const original = await send(alice.socket, bob.id, 'oops');
    const bobBefore = (await chatWith(bob.socket, alice.id))!;
    await world.delivered(devicesOf(alice, bob));
    clearLogs(devicesOf(alice, bob));
    clock.advance(1000);

    const copy = await act(alice, 'message:recall', { who: bob.id, id: original.id });
    expect(copy).toMatchObject({
      kind: 'recall',
      target: original.id,
      user: alice.id,
      content: `${alice.name} recalled a message`,
      seq: original.seq + 1,
    });
    await world.delivered(devicesOf(alice, bob));
    const [toBob] = bob.log.of('message:new');
    expect(toBob!.message).toMatchObject({ id: copy.id, kind: 'recall', target: original.id });
    // No unread, no move of updatedAt.
    expect(toBob!.chat.unread).toBe(bobBefore.unread);
    expect(toBob!.chat.updatedAt).toBe(bobBefore.updatedAt);
    expect(alice.log.of('message:new')).toHaveLength(1);

    for (const [person, peer] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      const history = await fullHistory(person.socket, peer.id);
      expect(history.map((m) => m.seq)).toEqual([1, 2]);
      expect(history[0]).toMatchObject({ id: original.id, recalled: true, content: '' });
      expect(history[1]).toMatchObject({ id: copy.id, kind: 'recall', target: original.id });
    }
  });

  it('edit: the new text in both records, with editedAt, and the edit copy carries it', async () => {
    const original = await send(alice.socket, bob.id, 'teh text');
    clock.advance(5000);
    const copy = await act(alice, 'message:edit', { who: bob.id, id: original.id, content: 'the text' });
    expect(copy).toMatchObject({
      kind: 'edit',
      target: original.id,
      text: 'the text',
      content: `${alice.name} edited a message: the text`,
    });
    for (const [person, peer] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      const [first, second] = await fullHistory(person.socket, peer.id);
      expect(first).toMatchObject({ id: original.id, content: 'the text', editedAt: clock.now() });
      expect(second).toMatchObject({ id: copy.id, kind: 'edit', text: 'the text' });
    }
  });

  it('hide: only the caller’s record and sockets; the peer still sees the message', async () => {
    const original = await send(alice.socket, bob.id, 'secret');
    await world.delivered(devicesOf(alice, bob));
    clearLogs(devicesOf(alice, bob));
    const copy = await act(bob, 'message:hide', { who: alice.id, id: original.id });
    expect(copy).toMatchObject({ kind: 'hide', target: original.id, user: bob.id, content: 'You deleted a message' });
    await world.delivered(devicesOf(alice, bob));
    expect(alice.log.events).toEqual([]);
    expect(bob.log.of('message:new')).toHaveLength(1);
    const bobs = await fullHistory(bob.socket, alice.id);
    expect(bobs.map((m) => m.seq)).toEqual([1, 2]);
    expect(bobs[0]).toMatchObject({ id: original.id, hidden: true, content: '' });
    const alices = await fullHistory(alice.socket, bob.id);
    expect(alices).toHaveLength(1);
    expect(alices[0]).toMatchObject({ id: original.id, content: 'secret' });
    expect(alices[0]!.hidden).toBeUndefined();
    // Hidden twice: refused; a third user has no such message.
    await fails(bob.socket, 'message:hide', { who: alice.id, id: original.id, clientId: newClientId() }, 'conflict');
  });

  it('enforces the windows on the server clock, and who may act', async () => {
    const original = await send(alice.socket, bob.id, 'hello');
    const attempt = (person: Person, event: string, extra: Record<string, unknown> = {}) =>
      request(person.socket, event, {
        who: person === alice ? bob.id : alice.id,
        id: original.id,
        clientId: newClientId(),
        ...extra,
      });
    // Only the sender recalls or edits.
    expect(await attempt(bob, 'message:recall')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await attempt(bob, 'message:edit', { content: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    clock.advance(limits.defaultRecallWindowMs + 1);
    expect(await attempt(alice, 'message:recall')).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'The time to recall this message has passed.' },
    });
    expect((await attempt(alice, 'message:edit', { content: 'still editable' })).ok).toBe(true);
    clock.advance(limits.defaultEditWindowMs);
    expect(await attempt(alice, 'message:edit', { content: 'too late' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // Deleting for oneself has no window.
    expect((await attempt(bob, 'message:hide')).ok).toBe(true);
    const history = await fullHistory(alice.socket, bob.id);
    expect(history[0]).toMatchObject({ content: 'still editable' });
    expect(history.map((m) => m.kind)).toEqual([undefined, 'edit']);
  });

  it('refuses to edit a recalled message or one with files, and an edit that is not text', async () => {
    const original = await send(alice.socket, bob.id, 'hello');
    await act(alice, 'message:recall', { who: bob.id, id: original.id });
    await fails(
      alice.socket,
      'message:edit',
      { who: bob.id, id: original.id, clientId: newClientId(), content: 'x' },
      'conflict',
    );
    await fails(alice.socket, 'message:recall', { who: bob.id, id: original.id, clientId: newClientId() }, 'conflict');
    const other = await send(alice.socket, bob.id, 'again');
    await fails(
      alice.socket,
      'message:edit',
      { who: bob.id, id: other.id, clientId: newClientId(), content: ' ' },
      'bad_request',
    );
    const long = 'x'.repeat(limits.contentMaxCodePoints + 1);
    await fails(
      alice.socket,
      'message:edit',
      { who: bob.id, id: other.id, clientId: newClientId(), content: long },
      'too_large',
    );
    await fails(alice.socket, 'message:recall', { who: bob.id, id: 'x', clientId: newClientId() }, 'bad_request');
    // An action copy is not a message to act on.
    const copies = await fullHistory(alice.socket, bob.id);
    await fails(
      alice.socket,
      'message:recall',
      { who: bob.id, id: copies[1]!.id, clientId: newClientId() },
      'not_found',
    );
  });

  it('a window of 0 disables recall and edit', async () => {
    const closed = await World.start({ now: clock.now, recallWindowMs: 0, editWindowMs: 0 });
    try {
      const carol = await closed.person('carol');
      const dave = await closed.person('dave');
      const original = await send(carol.socket, dave.id, 'hi');
      const payload = { who: dave.id, id: original.id, clientId: newClientId() };
      await fails(carol.socket, 'message:recall', payload, 'forbidden');
      await fails(carol.socket, 'message:edit', { ...payload, content: 'x' }, 'forbidden');
    } finally {
      await closed.close();
    }
  });

  it('answers a repeated clientId with the first copy, storing and emitting nothing', async () => {
    const original = await send(alice.socket, bob.id, 'hello');
    const clientId = newClientId();
    const first = (await ok(alice.socket, 'message:recall', { who: bob.id, id: original.id, clientId })).message;
    await world.delivered(devicesOf(alice, bob));
    clearLogs(devicesOf(alice, bob));
    // Even after the window, and with another event or a bad payload.
    clock.advance(limits.defaultRecallWindowMs * 10);
    for (const [event, payload] of [
      ['message:recall', { who: bob.id, id: original.id, clientId }],
      ['message:edit', { who: bob.id, id: original.id, clientId, content: 'x' }],
      ['message:hide', { who: 987_654, id: 1, clientId }],
    ] as const) {
      expect(await request(alice.socket, event, payload)).toEqual({ ok: true, message: first });
    }
    await world.delivered(devicesOf(alice, bob));
    expect([...alice.log.events, ...bob.log.events]).toEqual([]);
    expect((await chatWith(bob.socket, alice.id))!.lastSeq).toBe(2);
  });

  it('a third user gets not_found for a message of someone else’s chat', async () => {
    const carol = await world.person('carol');
    const original = await send(alice.socket, bob.id, 'hello');
    await send(carol.socket, alice.id, 'hi alice');
    for (const event of ['message:recall', 'message:hide']) {
      await fails(carol.socket, event, { who: alice.id, id: original.id, clientId: newClientId() }, 'not_found');
      await fails(carol.socket, event, { who: bob.id, id: original.id, clientId: newClientId() }, 'not_found');
    }
    await fails(
      carol.socket,
      'message:edit',
      { who: alice.id, id: original.id, clientId: newClientId(), content: 'x' },
      'not_found',
    );
    expect((await fullHistory(bob.socket, alice.id))[0]).toMatchObject({ content: 'hello' });
  });

  it('reaches only the records that still hold the message', async () => {
    const original = await send(alice.socket, bob.id, 'hello');
    await ok(bob.socket, 'chat:delete', { who: alice.id });
    const later = await send(alice.socket, bob.id, 'after the delete');
    await world.delivered(devicesOf(alice, bob));
    clearLogs(devicesOf(alice, bob));
    const copy = await act(alice, 'message:edit', { who: bob.id, id: original.id, content: 'hello!' });
    await world.delivered(devicesOf(alice, bob));
    expect(bob.log.events).toEqual([]);
    // Bob's new record never held it: no copy there, and his last message is unchanged.
    expect((await fullHistory(bob.socket, alice.id)).map((m) => m.id)).toEqual([later.id]);
    const alices = await fullHistory(alice.socket, bob.id);
    expect(alices.map((m) => m.id)).toEqual([original.id, later.id, copy.id]);
    expect(alices[0]).toMatchObject({ content: 'hello!' });
    expect((await chatWith(alice.socket, bob.id))!.last).toMatchObject({ id: copy.id, kind: 'edit' });
  });

  it('an offline peer catches up on each action with history afterSeq', async () => {
    const recalled = await send(alice.socket, bob.id, 'one');
    const edited = await send(alice.socket, bob.id, 'two');
    await world.delivered(devicesOf(alice, bob));
    const seen = bob.log.of('message:new').at(-1)!.message.seq;
    await world.disconnect(bob.devices[0]!);

    await act(alice, 'message:recall', { who: bob.id, id: recalled.id });
    await act(alice, 'message:edit', { who: bob.id, id: edited.id, content: 'two, edited' });
    await act(alice, 'message:hide', { who: bob.id, id: edited.id });

    const back = await world.device(bob.token);
    const page = await ok(back.socket, 'chat:history', { who: alice.id, afterSeq: seen });
    expect(page.messages.map((m: Message) => [m.kind, m.target])).toEqual([
      ['recall', recalled.id],
      ['edit', edited.id],
    ]);
    const all = await fullHistory(back.socket, alice.id);
    expect(all[0]).toMatchObject({ recalled: true, content: '' });
    expect(all[1]).toMatchObject({ content: 'two, edited' });
    expect(all[1]!.hidden).toBeUndefined();
    expect((await chatWith(back.socket, alice.id))!.unread).toBe(2);
  });
});
