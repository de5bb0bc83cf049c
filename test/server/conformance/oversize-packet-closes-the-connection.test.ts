// docs/protocol.md §1: a Socket.IO packet over 64 KiB is not read; the connection that carried it
// is closed, over HTTP long-polling as over WebSocket, and the client sees its session end.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionResponse } from '../../../protocol/contract.js';
import { limits } from '../../../protocol/limits.js';
import { connect, register, request } from '../../support/clients.js';
import { PollingSession, RawWebSocket } from '../../support/raw-transport.js';
import { startTestServer, type TestServer } from '../../support/server.js';

/** A send whose packet is `bytes` long (with ack id 1 when `ack`); stored if the server reads it. */
function sendOfSize(to: number, bytes: number, ack = false): string {
  const head = `42${ack ? '1' : ''}["message:send",{"to":${to},"clientId":"big","content":"stored if read","pad":"`;
  const tail = '"}]';
  return head + 'x'.repeat(bytes - head.length - tail.length) + tail;
}

describe('docs/protocol.md §1: a packet over 64 KiB closes its connection', () => {
  let server: TestServer;
  let alice: SessionResponse;
  let bob: SessionResponse;
  beforeEach(async () => {
    server = await startTestServer();
    alice = await register(server.url);
    bob = await register(server.url);
  });
  afterEach(() => server.close());

  /** Nothing of the oversize send was stored, and the server serves everyone else. */
  async function expectNothingStored(): Promise<void> {
    const socket = await connect(server.url, bob.token);
    try {
      const history = await request(socket, 'chat:history', { who: alice.user.id });
      expect(history).toEqual({ ok: true, messages: [], hasMore: false });
    } finally {
      socket.close();
    }
  }

  it('over long-polling: the POST gets 413, the next poll the close packet, and the session is gone', async () => {
    const session = await PollingSession.open(server.url);
    expect(await session.connect({ token: alice.token })).toMatch(/^40\{"sid":/);
    const bystander = await PollingSession.open(server.url);

    const posted = await session.post(sendOfSize(bob.user.id, limits.maxPacketBytes + 1));
    expect(posted).toMatchObject({ status: 413, body: '' });
    // The poll after it ends with engine.io's close packet (a noop may come first).
    const { status, packets } = await session.poll();
    expect(status).toBe(200);
    expect(packets.at(-1)).toBe('1');
    const after = await session.poll();
    expect(after.status).toBe(400);
    expect(after.packets).toEqual(['{"code":1,"message":"Session ID unknown"}']);

    expect(await bystander.connect({ token: bob.token })).toMatch(/^40\{"sid":/);
    await expectNothingStored();
  });

  it('over long-polling: a POST of exactly 64 KiB is read', async () => {
    const session = await PollingSession.open(server.url);
    await session.connect({ token: alice.token });
    const send = sendOfSize(bob.user.id, limits.maxPacketBytes, true);
    expect(Buffer.byteLength(send)).toBe(limits.maxPacketBytes);
    expect((await session.post(send)).status).toBe(200);
    for (;;) {
      const { status, packets } = await session.poll();
      expect(status).toBe(200);
      const ack = packets.find((packet) => packet.startsWith('431['));
      if (ack) return expect(JSON.parse(ack.slice(3))).toMatchObject([{ ok: true, message: { clientId: 'big' } }]);
    }
  });

  it('over WebSocket: the server closes the WebSocket with status 1009 and the session with it', async () => {
    const { response, ws } = await RawWebSocket.upgrade(server.url, '/socket.io/?EIO=4&transport=websocket');
    expect(response.status).toBe(101);
    await ws.nextText((text) => text.startsWith('0'));
    ws.send(`40${JSON.stringify({ token: alice.token })}`);
    await ws.nextText((text) => text.startsWith('40'));

    ws.send(sendOfSize(bob.user.id, limits.maxPacketBytes + 1));
    let frame = await ws.next();
    while (frame && frame.opcode !== 8) frame = await ws.next();
    expect(frame?.closeCode).toBe(1009);
    await ws.closed();
    await expectNothingStored();
  });
});
