// docs/protocol.md §7 "Web pages are refused": an HTTP request or WebSocket upgrade that carries
// Origin gets 403 with the unauthorized error body, on every path and on both transports.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { register } from '../../support/clients.js';
import { PollingSession, RawWebSocket, type RawResponse } from '../../support/raw-transport.js';
import { startTestServer, type TestServer } from '../../support/server.js';

const origin = { origin: 'http://evil.example' };
const refusal = { error: { code: 'unauthorized', message: 'Requests from web pages are not accepted.' } };

function expectRefused(response: RawResponse): void {
  expect(response.status).toBe(403);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(JSON.parse(response.body)).toEqual(refusal);
}

async function fetched(url: string, init: RequestInit = {}): Promise<RawResponse> {
  const response = await fetch(url, init);
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}

describe('docs/protocol.md §7: web pages are refused', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.close());

  it('answers an HTTP API request that carries Origin with 403 and the unauthorized body, on any path', async () => {
    for (const path of ['/healthz', '/api/server-info', '/api/login', '/nowhere']) {
      expectRefused(await fetched(`${server.url}${path}`, { headers: origin }));
    }
    expectRefused(
      await fetched(`${server.url}/api/register`, {
        method: 'POST',
        headers: origin,
        body: JSON.stringify({ name: 'Eve', password: 'correct horse' }),
      }),
    );
  });

  it('answers a polling handshake and a polling request of an open session the same way', async () => {
    expectRefused(await fetched(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: origin }));
    expect(server.io.engine.clientsCount).toBe(0);

    const session = await PollingSession.open(server.url);
    expectRefused(await fetched(`${server.url}${session.path}`, { headers: origin }));
    expectRefused(await fetched(`${server.url}${session.path}`, { method: 'POST', headers: origin, body: '2' }));
    // The session itself is untouched: without Origin it connects.
    const { token } = await register(server.url);
    expect(await session.connect({ token })).toMatch(/^40\{"sid":/);
  });

  it('answers a direct WebSocket handshake the same way, and accepts it without Origin', async () => {
    const path = '/socket.io/?EIO=4&transport=websocket';
    const refused = await RawWebSocket.upgrade(server.url, path, origin);
    expectRefused(refused.response);
    await refused.ws.closed();
    expect(server.io.engine.clientsCount).toBe(0);

    const accepted = await RawWebSocket.upgrade(server.url, path);
    expect(accepted.response.status).toBe(101);
    expect(await accepted.ws.nextText()).toMatch(/^0\{"sid":/);
    accepted.ws.destroy();
  });

  it('answers the upgrade of a polling session the same way, and the session carries on over polling', async () => {
    const session = await PollingSession.open(server.url);
    const upgrade = await RawWebSocket.upgrade(
      server.url,
      `/socket.io/?EIO=4&transport=websocket&sid=${session.sid}`,
      origin,
    );
    expectRefused(upgrade.response);
    await upgrade.ws.closed();

    const { token } = await register(server.url);
    expect(await session.connect({ token })).toMatch(/^40\{"sid":/);
  });
});
