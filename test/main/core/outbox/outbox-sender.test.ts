// The outbox sender with fake timers and a fake connection: one message at a time, oldest
// first; refusals that sending again cannot fix mark the message failed; a rate limit or a
// server error waits 1 s, doubling to 30 s, and at least the server's retry hint; offline
// waits for the next kick; nothing is sent after stop.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message, SendRequest } from '../../../../protocol/contract.js';
import { ConnectionDropped } from '../../../../main/core/connection/connection.js';
import { FailureError } from '../../../../main/core/failure.js';
import type { OutboxItem } from '../../../../main/core/outbox/outbox.js';
import { OutboxSender } from '../../../../main/core/outbox/outbox-sender.js';
import type { Failure } from '../../../../main/ipc/contract.js';
import { capturedLog } from '../log/captured-log.js';

function world() {
  const items: OutboxItem[] = [];
  const pending: Array<{
    request: SendRequest;
    resolve: (ack: { message: Message }) => void;
    reject: (e: Error) => void;
  }> = [];
  /** Every send the sender made, in order, by clientId. */
  const sent: string[] = [];
  const acked: string[] = [];
  const refused: string[] = [];
  const connection = { online: true };
  const log = capturedLog();
  const sender = new OutboxSender({
    outbox: {
      next: () => items.find((item) => item.state === 'sending'),
      find: (clientId) => items.find((item) => item.clientId === clientId),
      fileOf: () => '',
      uploaded: async () => undefined,
      forgetUploads: async () => undefined,
      fail: async (clientId, failure) => {
        Object.assign(
          items.find((item) => item.clientId === clientId)!,
          { state: 'failed', failure },
        );
      },
    },
    online: () => connection.online,
    upload: async () => {
      throw new Error('no attachments here');
    },
    progress: () => {},
    send: (request) =>
      new Promise((resolve, reject) => {
        sent.push(request.clientId);
        pending.push({ request, resolve, reject });
      }),
    acked: async (clientId) => {
      items.splice(
        items.findIndex((item) => item.clientId === clientId),
        1,
      );
      acked.push(clientId);
    },
    refused: (clientId) => refused.push(clientId),
    sessionEnded: () => {},
    logger: log.logger,
  });
  const oldest = () => {
    const first = pending.shift();
    if (!first) throw new Error('no send is waiting for an answer');
    return first;
  };
  return {
    sender,
    items,
    sent,
    acked,
    refused,
    connection,
    log,
    queue(...clientIds: string[]) {
      for (const clientId of clientIds)
        items.push({ clientId, to: 2, content: `text of ${clientId}`, createdAt: 0, state: 'sending' });
    },
    /** The server stores the oldest send in flight; resolves once the sender has moved on. */
    async ack() {
      const { request, resolve } = oldest();
      resolve({ message: { id: 1, clientId: request.clientId, user: 1, name: 'a', date: 0, content: '', seq: 1 } });
      await vi.advanceTimersByTimeAsync(0);
    },
    /** The server (or the connection) refuses the oldest send in flight. */
    async refuse(code: Failure['code'], retryAfterMs?: number) {
      oldest().reject(new FailureError({ code, message: `refused: ${code}`, retryAfterMs }));
      await vi.advanceTimersByTimeAsync(0);
    },
    /** The connection drops while the oldest send waits for its answer. */
    async drop() {
      connection.online = false;
      oldest().reject(new ConnectionDropped());
      await vi.advanceTimersByTimeAsync(0);
    },
    /** Sending the oldest in flight fails in a way nobody expected (a bug). */
    async breaks() {
      oldest().reject(new TypeError('cannot read the socket'));
      await vi.advanceTimersByTimeAsync(0);
    },
    inFlight: () => pending.map((p) => p.request.clientId),
  };
}

/** Advances the clock by `ms`, letting every promise the timers start settle. */
const after = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe('outbox sender', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('sends one message at a time, oldest first, each after the previous ack was handled', async () => {
    const { sender, queue, sent, acked, ack, inFlight } = world();
    queue('a', 'b');
    sender.kick();
    sender.kick();
    expect(inFlight()).toEqual(['a']);
    await ack();
    expect([acked, inFlight()]).toEqual([['a'], ['b']]);
    queue('c');
    sender.kick();
    await ack();
    await ack();
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(acked).toEqual(['a', 'b', 'c']);
  });

  it.each(['bad_request', 'too_large', 'not_found', 'conflict'] as const)(
    'marks a message refused with %s failed at once and goes on with the next',
    async (code) => {
      const { sender, queue, items, refused, refuse, inFlight, log } = world();
      queue('a', 'b');
      sender.kick();
      await refuse(code);
      expect(refused).toEqual(['a']);
      expect(log.at('info')).toEqual([`the server refused message a (${code})`]);
      expect(log.lines.join('\n')).not.toContain('text of a');
      expect(items[0]).toMatchObject({
        clientId: 'a',
        state: 'failed',
        failure: { code, message: `refused: ${code}` },
      });
      expect(inFlight()).toEqual(['b']);
    },
  );

  it.each(['rate_limited', 'internal'] as const)(
    'after %s tries again after 1 s, doubling to 30 s, and starts at 1 s again after a success',
    async (code) => {
      const { sender, queue, sent, refuse, ack } = world();
      queue('a', 'b');
      sender.kick();
      for (const pause of [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]) {
        const before = sent.length;
        await refuse(code);
        await after(pause - 1);
        expect(sent.length, `still waiting ${pause} ms`).toBe(before);
        await after(1);
        expect(sent.length).toBe(before + 1);
      }
      await ack();
      expect(sent.at(-1)).toBe('b');
      await refuse(code);
      await after(1000);
      expect(sent.slice(-2)).toEqual(['b', 'b']);
    },
  );

  it('logs an unexpected failure with its stack, an expected one as its code, and tries again', async () => {
    const { sender, queue, sent, refuse, breaks, log } = world();
    queue('a');
    sender.kick();
    await refuse('rate_limited');
    expect(log.at('debug')).toEqual(['sending message a: rate_limited']);
    await after(1000);
    await breaks();
    expect(log.at('error')).toEqual([
      expect.stringMatching(/^sending message a: TypeError: cannot read the socket\n\s+at /),
    ]);
    await after(2000);
    expect(sent).toEqual(['a', 'a', 'a']);
  });

  it('ignores kicks while it waits: a new message does not cut the pause short', async () => {
    const { sender, queue, sent, refuse } = world();
    queue('a');
    sender.kick();
    await refuse('internal');
    queue('b');
    sender.kick();
    await after(999);
    expect(sent).toEqual(['a']);
    await after(1);
    expect(sent).toEqual(['a', 'a']);
  });

  it("waits at least the server's retry hint, and the backoff when that is longer", async () => {
    const { sender, queue, sent, refuse } = world();
    queue('a');
    sender.kick();
    await refuse('rate_limited', 2500);
    await after(2499);
    expect(sent).toHaveLength(1);
    await after(1);
    expect(sent).toHaveLength(2);
    // The backoff is at 2 s now: a shorter hint does not shorten it.
    await refuse('rate_limited', 500);
    await after(1999);
    expect(sent).toHaveLength(2);
    await after(1);
    expect(sent).toHaveLength(3);
  });

  it('sends nothing while offline, and when the connection drops mid-send waits for the next kick, not a timer', async () => {
    const { sender, queue, sent, connection, refuse, inFlight } = world();
    queue('a');
    connection.online = false;
    sender.kick();
    expect(sent).toEqual([]);
    // Kicked again before the first attempt had finished: the kick is not lost.
    connection.online = true;
    sender.kick();
    await after(0);
    await refuse('offline');
    connection.online = false;
    await after(60_000);
    expect(sent).toEqual(['a']);
    connection.online = true;
    sender.kick();
    expect(inFlight()).toEqual(['a']);
  });

  it('sends nothing after stop: not when a pause ends, not on a kick, not after an ack in flight', async () => {
    const paused = world();
    paused.queue('a');
    paused.sender.kick();
    await paused.refuse('internal');
    paused.sender.stop();
    await after(60_000);
    paused.sender.kick();
    expect(paused.sent).toEqual(['a']);

    const inFlight = world();
    inFlight.queue('a', 'b');
    inFlight.sender.kick();
    inFlight.sender.stop();
    await inFlight.ack();
    // The server stored it: the ack is still recorded, but nothing more goes out.
    expect(inFlight.acked).toEqual(['a']);
    expect(inFlight.sent).toEqual(['a']);
  });

  it('marks a message whose send dropped the connection twice failed, and sends the next after reconnecting', async () => {
    const { sender, queue, items, sent, refused, connection, drop, ack, log } = world();
    queue('huge', 'next');
    sender.kick();
    await drop();
    expect(items[0]).toMatchObject({ clientId: 'huge', state: 'sending' });
    connection.online = true;
    sender.kick();
    await drop();
    expect(items[0]).toMatchObject({
      clientId: 'huge',
      state: 'failed',
      failure: { code: 'connection_dropped', message: 'The connection dropped each time this message was sent.' },
    });
    expect(refused).toEqual(['huge']);
    expect(log.at('warn')).toEqual(['message huge dropped the connection 2 times: failed']);
    connection.online = true;
    sender.kick();
    await ack();
    expect(sent).toEqual(['huge', 'huge', 'next']);
    expect(items.map((item) => item.clientId)).toEqual(['huge']);
  });

  it('counts drops per message: one drop each for two messages fails neither', async () => {
    const { sender, queue, items, connection, drop, ack } = world();
    queue('a', 'b');
    sender.kick();
    await drop();
    connection.online = true;
    sender.kick();
    await ack();
    await drop();
    connection.online = true;
    sender.kick();
    await ack();
    expect(items).toEqual([]);
  });

  it('counts afresh when the user retries a message it gave up on', async () => {
    const { sender, queue, items, connection, drop, refused } = world();
    queue('a');
    for (const _ of [1, 2]) {
      connection.online = true;
      sender.kick();
      await drop();
    }
    expect(refused).toEqual(['a']);
    Object.assign(items[0]!, { state: 'sending', failure: undefined });
    connection.online = true;
    sender.kick();
    await drop();
    expect(items[0]).toMatchObject({ state: 'sending' });
  });
});
