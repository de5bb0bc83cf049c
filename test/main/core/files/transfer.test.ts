// Uploads and downloads against a real server, below the core: the server's refusals arrive as
// their own failures (not as "offline"), and a download that does not match its hash is refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpPaths } from '../../../../protocol/contract.js';
import { download, upload } from '../../../../main/core/files/transfer.js';
import { uniqueName } from '../../../support/clients.js';
import { pdfBytes, sha256 } from '../../../support/staged-files.js';
import { startTestServer, type TestServer } from '../../../support/server.js';

let server: TestServer;
let dir: string;
beforeEach(async () => {
  server = await startTestServer({ maxUploadMb: 1 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-transfer-'));
});
afterEach(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function signedUp() {
  const answer = await fetch(`${server.url}/api/register`, {
    method: 'POST',
    body: JSON.stringify({ name: uniqueName('up'), password: 'long enough' }),
  });
  const { token } = (await answer.json()) as { token: string };
  return { serverUrl: server.url, token };
}

function file(bytes: Buffer): string {
  const at = path.join(dir, `f-${sha256(bytes).slice(0, 8)}`);
  fs.writeFileSync(at, bytes);
  return at;
}

describe('transfer', () => {
  it('uploads a file streamed from disk and downloads it verified', async () => {
    const me = await signedUp();
    const bytes = pdfBytes(300_000);
    const sent: number[] = [];
    const attachment = await upload(me, httpPaths.files, {
      file: file(bytes),
      name: 'résumé #1.pdf',
      size: bytes.length,
      progress: (n) => sent.push(n),
    });
    expect(attachment).toMatchObject({ name: 'résumé #1.pdf', size: bytes.length, sha256: sha256(bytes) });
    expect(sent.at(-1)).toBe(bytes.length);
    const target = path.join(dir, 'down');
    const got = await download(me, `${httpPaths.file}${attachment.id}`, { file: target, sha256: sha256(bytes) });
    expect(got).toMatchObject({ sha256: sha256(bytes), size: bytes.length });
    expect(fs.readFileSync(target).equals(bytes)).toBe(true);
  });

  it('answers too_large for a file over the server limit', async () => {
    const me = await signedUp();
    const bytes = pdfBytes(3 * 1024 * 1024);
    await expect(
      upload(me, httpPaths.files, { file: file(bytes), name: 'big.pdf', size: bytes.length }),
    ).rejects.toMatchObject({
      failure: { code: 'too_large' },
    });
  });

  it('answers not_found for a file the caller may not read', async () => {
    const me = await signedUp();
    await expect(download(me, `${httpPaths.file}nosuchfile`, { file: path.join(dir, 'x') })).rejects.toMatchObject({
      failure: { code: 'not_found' },
    });
  });
});
