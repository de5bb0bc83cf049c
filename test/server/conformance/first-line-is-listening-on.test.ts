// docs/protocol.md §1: started with `npm run --silent server`, the first line on stdout is
// `listening on http://<host>:<port>`; plain `npm run server` puts npm's banner before it.
import { describe, expect, it } from 'vitest';
import { cleanUpServersAndSockets, startServerProcess } from '../../support/process.js';
import { tempDir } from '../../support/server.js';

cleanUpServersAndSockets();

describe('docs/protocol.md §1: the first line on stdout', () => {
  it('is "listening on http://127.0.0.1:<port>" under `npm run --silent server -- --port 0`', async () => {
    const server = await startServerProcess(['--port', '0', '--data', tempDir()], { npm: true });
    expect(server.firstLine).toBe(`listening on http://127.0.0.1:${server.port}`);
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
    // The signal reaches npm too, so npm's own exit says nothing about the server's.
    await server.stop();
    expect(server.stdout()).toBe(`${server.firstLine}\n`);
  });
});
