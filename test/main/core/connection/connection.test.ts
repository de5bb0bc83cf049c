// The connection's state machine, driven through a fake socket: connecting, online, offline
// and unauthorized; a server restart (transport close) versus a logout (the server ends the
// socket); typed requests and acks; server events parsed before the core sees them; stop.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Connection, ConnectionDropped } from '../../../../main/core/connection/connection.js';
import { offlineGraceMs } from '../../../../main/core/connection/offline-grace.js';
import { FailureError } from '../../../../main/core/failure.js';
import { realCoreTimers, type CoreTimers } from '../../../../main/core/notify/do-not-disturb-end.js';
import { ManualTimers } from '../../../support/manual-timers.js';
import type { ConnectionState } from '../../../../main/ipc/contract.js';
import { serverEvents } from '../../../../protocol/contract.js';
import { capturedLog } from '../log/captured-log.js';
import { FakeSocket } from './fake-socket.js';

const message = { id: 7, clientId: 'c-1', user: 1, name: 'alice', date: 1000, content: 'hi', seq: 3 };
const chat = { id: 4, user: 2, who: 1, name: 'alice', unread: 1, updatedAt: 1000, lastSeq: 3, last: message };

function open(connected: () => Promise<void> = async () => {}, timers: CoreTimers = new ManualTimers()) {
  const socket = new FakeSocket();
  const states: ConnectionState[] = [];
  const events: Array<{ event: string; payload: unknown }> = [];
  const log = capturedLog();
  const waiting: Array<{ state: ConnectionState; resolve: () => void }> = [];
  const connection = new Connection({
    serverUrl: 'http://server.test',
    token: 'token',
    state: (state) => {
      states.push(state);
      for (const waiter of waiting.filter((w) => w.state === state)) waiter.resolve();
    },
    connected,
    event: (event, payload) => events.push({ event, payload }),
    logger: log.logger,
    openSocket: () => socket,
    timers,
  });
  /** Resolves when the connection next reports `state`. */
  const reaches = (state: ConnectionState) => new Promise<void>((resolve) => waiting.push({ state, resolve }));
  return { socket, connection, states, events, log, reaches, timers: timers as ManualTimers };
}

async function online() {
  const world = open();
  world.connection.start();
  const reached = world.reaches('online');
  world.socket.accept();
  await reached;
  return world;
}

describe('connection states', () => {
  it('is connecting until the handshake and catch-up are done, then online', async () => {
    let finishCatchUp = () => {};
    const { socket, connection, states, reaches } = open(() => new Promise<void>((done) => (finishCatchUp = done)));
    connection.start();
    expect(socket.connects).toBe(1);
    socket.accept();
    expect(connection.state).toBe('connecting');
    const reached = reaches('online');
    finishCatchUp();
    await reached;
    expect(states).toEqual(['online']);
  });

  it('goes offline when the handshake fails for the network, and unauthorized when the token is refused', () => {
    const { socket, connection, states, timers } = open();
    connection.start();
    timers.advance(offlineGraceMs);
    socket.refuse('websocket error');
    expect(connection.state).toBe('offline');
    socket.refuse('unauthorized');
    expect(states).toEqual(['offline', 'unauthorized']);
  });

  it('after a transport close (a server restart) waits for socket.io to reconnect by itself', async () => {
    const { socket, connection, states, reaches } = await online();
    socket.drop('transport close');
    expect(connection.state).toBe('offline');
    expect(socket.connects).toBe(1);
    const back = reaches('online');
    socket.accept();
    await back;
    expect(states).toEqual(['online', 'offline', 'online']);
  });

  it('after the server ends the socket (a logout) asks once, and a revoked token ends in unauthorized', async () => {
    const { socket, connection, states } = await online();
    socket.drop('io server disconnect');
    expect(socket.connects).toBe(2);
    expect(connection.state).toBe('connecting');
    socket.refuse('unauthorized');
    expect(states).toEqual(['online', 'offline', 'connecting', 'unauthorized']);
    expect(socket.connects).toBe(2);
  });

  it('after the server ends the socket on shutdown (an older server) comes back online once it is up', async () => {
    const { socket, reaches, states } = await online();
    socket.drop('io server disconnect');
    socket.refuse('websocket error');
    const back = reaches('online');
    socket.accept();
    await back;
    expect(states).toEqual(['online', 'offline', 'connecting', 'offline', 'online']);
  });

  it('reports nothing after stop, and does not reconnect when the server then ends the socket', async () => {
    const { socket, connection, states } = await online();
    connection.stop();
    socket.drop('io server disconnect');
    socket.refuse('unauthorized');
    expect(socket.connected).toBe(false);
    expect(socket.connects).toBe(1);
    expect(states).toEqual(['online']);
  });
});

describe('catch-up that fails while connected', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('disconnects and tries again after 1 s, doubling the pause, and resets it once online', async () => {
    let failing = true;
    const { socket, connection, reaches, log } = open(async () => {
      if (failing) throw new Error('chats:list answered internal');
    }, realCoreTimers);
    const attempt = async (expected: ConnectionState) => {
      const reached = reaches(expected);
      socket.accept();
      await reached;
    };
    connection.start();
    vi.advanceTimersByTime(offlineGraceMs);
    await attempt('offline');
    expect(log.lines).toHaveLength(1);
    expect(log.at('error')[0]).toMatch(/^catching up: Error: chats:list answered internal\n\s+at /);
    vi.advanceTimersByTime(999);
    expect(socket.connects).toBe(1);
    vi.advanceTimersByTime(1);
    expect([socket.connects, connection.state]).toEqual([2, 'connecting']);
    await attempt('offline');
    vi.advanceTimersByTime(1999);
    expect(socket.connects).toBe(2);
    vi.advanceTimersByTime(1);
    expect(socket.connects).toBe(3);
    failing = false;
    await attempt('online');
    failing = true;
    socket.drop('transport close');
    const reported = log.next();
    socket.accept();
    expect(await reported).toMatch(/ error catching up: /);
    expect(connection.state).toBe('offline');
    vi.advanceTimersByTime(1000);
    expect(socket.connects).toBe(4);
  });

  it('does not come back after stop', async () => {
    const { socket, connection, reaches } = open(async () => {
      throw new Error('bad answer');
    }, realCoreTimers);
    connection.start();
    vi.advanceTimersByTime(offlineGraceMs);
    const offline = reaches('offline');
    socket.accept();
    await offline;
    connection.stop();
    vi.advanceTimersByTime(60_000);
    expect(socket.connects).toBe(1);
  });
});

describe('requests', () => {
  it('refuses at once while not connected', async () => {
    const { connection } = open();
    await expect(connection.request('users:list')).rejects.toMatchObject({ failure: { code: 'offline' } });
  });

  it('sends the payload, or none, and resolves with the parsed result', async () => {
    const { socket, connection } = await online();
    const users = connection.request('users:list');
    const opened = connection.request('chat:open', { who: 1 });
    expect(socket.answer({ ok: true, users: [{ id: 1, name: 'alice', online: true }] }).args).toEqual([]);
    expect(socket.answer({ ok: true, chat, extra: 'dropped' }).args).toEqual([{ who: 1 }]);
    expect(await users).toEqual({ users: [{ id: 1, name: 'alice', online: true }] });
    expect(await opened).toEqual({ chat });
  });

  it("rejects with the server's failure, keeping a rate limit's retry hint", async () => {
    const { socket, connection } = await online();
    const sent = connection.request('message:send', { to: 1, clientId: 'c-2', content: 'x' });
    socket.answer({ ok: false, error: { code: 'rate_limited', message: 'Slow down.', retryAfterMs: 2500 } });
    const error = await sent.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FailureError);
    expect((error as FailureError).failure).toEqual({
      code: 'rate_limited',
      message: 'Slow down.',
      retryAfterMs: 2500,
    });
  });

  it('ignores a retry hint that is not whole ms', async () => {
    const { socket, connection } = await online();
    const sent = connection.request('message:send', { to: 1, clientId: 'c-2', content: 'x' });
    socket.answer({ ok: false, error: { code: 'rate_limited', message: 'Slow down.', retryAfterMs: -1.5 } });
    await expect(sent).rejects.toMatchObject({ failure: { code: 'rate_limited', retryAfterMs: undefined } });
  });

  it('turns an answer off the contract into internal, and a dropped connection into offline', async () => {
    const { socket, connection } = await online();
    const listed = connection.request('chats:list');
    socket.answer({ ok: true, chats: [{ ...chat, unread: -1 }] });
    await expect(listed).rejects.toMatchObject({ failure: { code: 'internal' } });
    const garbled = connection.request('chat:close', { who: 1 });
    socket.answer('ok');
    await expect(garbled).rejects.toMatchObject({ failure: { code: 'internal' } });
    const cut = connection.request('chat:read', { who: 1 });
    socket.drop('transport close');
    await expect(cut).rejects.toMatchObject({ failure: { code: 'offline' } });
    await expect(cut).rejects.toBeInstanceOf(ConnectionDropped);
  });

  it('sends typing without an ack, and nothing while offline', async () => {
    const { socket, connection } = await online();
    connection.notify('typing', { to: 1 });
    socket.drop('transport close');
    connection.notify('typing', { to: 1 });
    expect(socket.notified).toEqual([{ event: 'typing', args: [{ to: 1 }] }]);
  });
});

describe('server events', () => {
  it('listens to every event of the contract and passes each on parsed', async () => {
    const { socket, events, log } = await online();
    expect(socket.subscribed.sort()).toEqual([...serverEvents].sort());
    socket.push('message:new', { chat, message, extra: true });
    socket.push('presence', { id: 1, online: false });
    expect(events).toEqual([
      { event: 'message:new', payload: { chat, message } },
      { event: 'presence', payload: { id: 1, online: false } },
    ]);
    expect(log.lines).toEqual([]);
  });

  it('drops a malformed event with a line for the log', async () => {
    const { socket, events, log } = await online();
    socket.push('message:new', { chat, message: { ...message, seq: 0, content: 'the launch code is 0000' } });
    socket.push('chat:deleted', { who: 'alice' });
    socket.push('typing', null);
    expect(events).toEqual([]);
    expect(log.at('warn')).toEqual([
      'ignored a malformed message:new event (message.seq: too_small)',
      'ignored a malformed chat:deleted event (who: invalid_type)',
      'ignored a malformed typing event ((root): invalid_type)',
    ]);
    expect(log.lines.join('\n')).not.toContain('launch code');
  });
});

describe('the offline grace period of a launch', () => {
  it('tells "offline" only once the server is still unreachable when the grace period ends', () => {
    const { socket, connection, states, timers } = open();
    connection.start();
    socket.refuse('websocket error');
    socket.refuse('websocket error');
    expect(connection.state).toBe('connecting');
    timers.advance(offlineGraceMs - 1);
    expect(states).toEqual([]);
    timers.advance(1);
    expect(connection.state).toBe('offline');
    expect(states).toEqual(['offline']);
  });

  it('never says "offline" when the server answers within the grace period', async () => {
    const { socket, connection, states, timers, reaches } = open();
    connection.start();
    socket.refuse('websocket error');
    timers.advance(offlineGraceMs - 1);
    const reached = reaches('online');
    socket.accept();
    await reached;
    timers.advance(offlineGraceMs);
    expect(states).toEqual(['online']);
    expect(timers.waiting).toBe(0);
  });

  it('has no grace after the first connection: a drop is told at once', async () => {
    const { socket, connection, states, timers } = await online();
    socket.drop('transport close');
    expect(connection.state).toBe('offline');
    expect(states).toEqual(['online', 'offline']);
    expect(timers.waiting).toBe(0);
  });

  it('tells a refused token at once, grace or not', () => {
    const { socket, connection, states } = open();
    connection.start();
    socket.refuse('unauthorized');
    expect(states).toEqual(['unauthorized']);
    expect(connection.state).toBe('unauthorized');
  });
});
