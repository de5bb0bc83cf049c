// S9: files through the real server on loopback. One 100 MB file uploaded (POST /api/files) and
// downloaded (GET /api/files/<id>) against `cp` of the same bytes on the same disk in the same
// run (the ceiling); then the server's RSS growth while 10 users upload 100 MB each at once.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import type { Attachment } from '../../../protocol/contract.js';
import { benchDir, startNode, startRealServer } from '../support/procs.js';
import { fmt, median, say, type ScenarioResult } from '../support/report.js';
import { removeSeed, seedUsers } from '../support/seed.js';

export interface S9Params {
  bytes: number;
  /** Timed repeats of the upload, the download and cp; the median of each counts. */
  repeats: number;
  concurrentUploads: number;
}

const throughputGoal = 0.5;
/** The client reads and writes the file in 1 MiB pieces, not Node's 64 KiB: the transfer, not the client's disk I/O, is what is measured. */
const chunkBytes = 1024 * 1024;
const rssGoalBytes = 64 * 1e6;
const title = 'a 100 MB file up and down through the real server vs cp; RSS with 10 uploads at once';

function upload(url: string, token: string, file: string, size: number): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}/api/files`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-length': size,
        'x-file-name': encodeURIComponent(path.basename(file)),
      },
    });
    request.once('error', reject);
    request.once('response', (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.once('end', () =>
        response.statusCode === 201
          ? resolve(JSON.parse(body) as Attachment)
          : reject(new Error(`upload answered ${response.statusCode}: ${body.slice(0, 200)}`)),
      );
    });
    pipeline(fs.createReadStream(file, { highWaterMark: chunkBytes }), request).catch(reject);
  });
}

function download(url: string, token: string, id: string, to: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(`${url}/api/files/${id}`, { headers: { authorization: `Bearer ${token}` } }, (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new Error(`download answered ${response.statusCode}`));
          return;
        }
        pipeline(response, fs.createWriteStream(to, { highWaterMark: chunkBytes })).then(resolve, reject);
      })
      .once('error', reject);
  });
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** The process's resident set from /proc (read from outside: no work for its event loop). */
function rssOf(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(line?.[1] ?? 0) * 1024;
}

export async function runS9(params: S9Params): Promise<ScenarioResult> {
  const started = performance.now();
  const seeded = await seedUsers('s9', params.concurrentUploads, 1);
  const root = path.dirname(seeded.dataDir);
  const source = path.join(root, 'source.bin');
  const bytes = randomBytes(params.bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  fs.writeFileSync(source, bytes);
  const server = await startRealServer(seeded.dataDir);
  const tokens = seeded.users.map((user) => user.tokens[0]!);
  const mb = params.bytes / 1e6;
  try {
    const cpMs: number[] = [];
    const upMs: number[] = [];
    const downMs: number[] = [];
    for (let i = 0; i < params.repeats; i++) {
      const copy = path.join(root, `copy-${i}.bin`);
      cpMs.push(await timed(() => promisify(execFile)('cp', [source, copy])));
      fs.rmSync(copy);
      let attachment: Attachment | undefined;
      upMs.push(await timed(async () => (attachment = await upload(server.url, tokens[0]!, source, params.bytes))));
      if (attachment!.sha256 !== sha256 || attachment!.size !== params.bytes)
        throw new Error(`the server stored other bytes: ${JSON.stringify(attachment)}`);
      const back = path.join(root, `back-${i}.bin`);
      downMs.push(await timed(() => download(server.url, tokens[0]!, attachment!.id, back)));
      if (fs.statSync(back).size !== params.bytes) throw new Error('the download is short');
      fs.rmSync(back);
    }
    const bare = await bareReference(root, source, params);
    const cp = median(cpMs);
    const up = median(upMs);
    const down = median(downMs);
    const rate = (ms: number) => (mb * 1000) / ms;
    say(`  bare Node HTTP server: upload ${fmt(rate(bare.up))} MB/s, download ${fmt(rate(bare.down))} MB/s`);
    say(
      `  cp ${fmt(rate(cp))} MB/s (${fmt(cp)} ms), upload ${fmt(rate(up))} MB/s (${fmt(up)} ms), download ${fmt(rate(down))} MB/s (${fmt(down)} ms)`,
    );

    await server.probe({ cmd: 'gc' });
    const before = rssOf(server.pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server.pid))), 50);
    let concurrentMs: number;
    try {
      concurrentMs = await timed(() =>
        Promise.all(tokens.map((token) => upload(server.url, token, source, params.bytes))),
      );
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, rssOf(server.pid));
    const growth = peak - before;
    say(
      `  ${params.concurrentUploads} uploads at once: ${fmt((params.concurrentUploads * mb * 1000) / concurrentMs)} MB/s in total; server RSS ${fmt(before / 1e6)} → peak ${fmt(peak / 1e6)} MB (+${fmt(growth / 1e6, 1)} MB)`,
    );

    const upRatio = cp / up;
    const downRatio = cp / down;
    return {
      id: 'S9',
      title,
      measured: `upload ${fmt(rate(up))} MB/s, download ${fmt(rate(down))} MB/s (${fmt(mb)} MB, median of ${params.repeats}); RSS +${fmt(growth / 1e6, 1)} MB with ${params.concurrentUploads} × ${fmt(mb)} MB uploads at once`,
      reference: `cp on the same disk: ${fmt(rate(cp))} MB/s; a bare Node HTTP server (temp file, fsync, rename; no accounts, hashing or sniffing): upload ${fmt(rate(bare.up))} MB/s, download ${fmt(rate(bare.down))} MB/s`,
      ratio: Math.min(upRatio, downRatio),
      ratioMeaning: 'slower of upload and download throughput / cp throughput',
      goals: [
        {
          text: `upload ≥ ${throughputGoal * 100} % of cp`,
          pass: upRatio >= throughputGoal,
          reading: `${fmt(upRatio * 100)} %`,
        },
        {
          text: `download ≥ ${throughputGoal * 100} % of cp`,
          pass: downRatio >= throughputGoal,
          reading: `${fmt(downRatio * 100)} %`,
        },
        {
          text: `server RSS growth < ${fmt(rssGoalBytes / 1e6)} MB with ${params.concurrentUploads} uploads at once`,
          pass: growth < rssGoalBytes,
          reading: `${fmt(growth / 1e6, 1)} MB`,
        },
      ],
      placement: `server pid ${server.pid} on ${server.coreLabel}, client and cp in the bench process (unpinned)`,
      details: { params, cpMs, upMs, downMs, bare, concurrentMs, rssBefore: before, rssPeak: peak },
      notes: [
        'the upload is fsynced before its 201 (file and folder); cp is not, so the ceiling does not pay for durability',
        `real / bare Node HTTP server: upload ${fmt(bare.up / up, 2)}, download ${fmt(bare.down / down, 2)}`,
      ],
      durationMs: performance.now() - started,
    };
  } finally {
    await server.stop();
    removeSeed(seeded);
  }
}

/** The same upload and download through test/bench/minimal-file-server.ts: medians in ms. */
async function bareReference(root: string, source: string, params: S9Params): Promise<{ up: number; down: number }> {
  const child = startNode({
    name: 'minimal file server',
    role: 'server',
    nodeArgs: ['--import', 'tsx', path.join(benchDir, 'minimal-file-server.ts'), '--dir', path.join(root, 'bare')],
  });
  try {
    const [, url] = await child.line(/^listening on (http:\/\/\S+)$/m);
    const up: number[] = [];
    const down: number[] = [];
    for (let i = 0; i < params.repeats; i++) {
      let id = '';
      up.push(await timed(async () => ({ id } = await upload(url!, 'none', source, params.bytes))));
      const back = path.join(root, `bare-back-${i}.bin`);
      down.push(await timed(() => download(url!, 'none', id, back)));
      if (fs.statSync(back).size !== params.bytes) throw new Error('the bare download is short');
      fs.rmSync(back);
    }
    return { up: median(up), down: median(down) };
  } finally {
    await child.stop();
  }
}
