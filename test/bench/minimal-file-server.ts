// S9's second reference: the bytes of an upload and a download through a bare Node HTTP server,
// with the real server's durability (temp file, fsync, rename) but no accounts, store, hashing
// or type sniffing. What Node itself costs over `cp`.
//
//   node --import tsx test/bench/minimal-file-server.ts --dir DIR
//
// - `POST /api/files` with Content-Length: the body into DIR/tmp, fsynced, renamed to DIR/<n>;
//   answers 201 `{ "id": "<n>" }`;
// - `GET /api/files/<n>`: the file, read in 1 MiB chunks as the disk blob store reads.
// Prints `listening on http://127.0.0.1:<port>` like server/cli.ts.
import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

const dir = process.argv[process.argv.indexOf('--dir') + 1]!;
fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
let next = 0;

async function durable(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r');
  await handle.sync();
  await handle.close();
}

const server = createServer((request, response) => {
  const fail = (error: unknown) => {
    response.statusCode = 500;
    response.end(String(error));
  };
  if (request.method === 'POST') {
    const id = String(++next);
    const temp = path.join(dir, 'tmp', id);
    pipeline(request, fs.createWriteStream(temp, { highWaterMark: 1024 * 1024 }))
      .then(() => durable(temp))
      .then(() => fs.promises.rename(temp, path.join(dir, id)))
      .then(() => durable(dir))
      .then(() => {
        response.statusCode = 201;
        response.end(JSON.stringify({ id }));
      }, fail);
    return;
  }
  const file = path.join(dir, path.basename(request.url ?? ''));
  pipeline(fs.createReadStream(file, { highWaterMark: 1024 * 1024 }), response).catch(fail);
});
server.requestTimeout = 0;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
