// S11: launch. From spawning `npm start` (Chromium shell, headless) to the first painted chat
// list of a profile with 1,000 cached chats, as the shell reports it: the page watches its
// frames and says when a chat row was painted (main/chromium/first-paint.ts prints
// `first paint: chat-list at <epoch ms>` on stderr when MESSENGER_REPORT_PAINT is set).
//
// Rows:
// - warm, server down: installed and built before; the launcher starts the bundled server
//   beside the window (nothing runs at the profile's server address when it is spawned).
// - warm, server running: the same with a server already answering there.
// - cold: out/ removed first, so `npm start` builds before anything shows.
// - floor (the baseline, same run): a Node process starting the same Chromium the same way
//   with a static page of 1,000 list rows, to the first painted row (s11-static-page.ts).
// Each launch is stopped with SIGTERM to its process group once it has painted, and the next
// starts only when the app has let go of its profile and the bundled server has stopped.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromiumFlags } from '../../../main/chromium/chromium-shell.js';
import { chromiumPath } from '../../../main/chromium/ensure-chromium.js';
import { profileDir } from '../../../main/launcher/app-paths.js';
import { sharedServerFiles } from '../../../main/launcher/shared-server.js';
import { manyChats, writeCachedProfile } from '../../e2e/support/cached-chats.js';
import { projectRoot, startRealServer } from '../support/procs.js';
import { fmt, median, say, type ScenarioResult } from '../support/report.js';
import { benchTemp } from '../support/seed.js';
import { staticPageScript } from './s11-static-page.js';

export interface S11Params {
  chats: number;
  /** Timed launches of each warm row and of the floor (one untimed launch warms up first). */
  repeats: number;
}

const profile = 's11';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Launch {
  /** From the spawn to the first painted list (the page's own clock, on the epoch). */
  ms: number;
  output: string;
}

/**
 * Spawns `command` in a process group of its own, resolves once it prints a first-paint line,
 * then stops the group and waits until `gone()` (the app let go of the profile, the server stopped).
 */
async function timeLaunch(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  gone: () => boolean,
  timeoutMs = 300_000,
): Promise<Launch> {
  const startedAt = Date.now();
  const child = spawn(command, args, { cwd: projectRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const painted = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no first paint within ${timeoutMs} ms:\n${output.slice(-2000)}`)),
      timeoutMs,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^first paint: \S+ at (\d+)/m.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve(Number(match[1]) - startedAt);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${command} exited before painting:\n${output.slice(-2000)}`));
    });
  });
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is gone already.
    }
  };
  try {
    return { ms: await painted, output };
  } finally {
    group('SIGTERM');
    const deadline = Date.now() + 30_000;
    await Promise.race([exited, pause(30_000)]);
    while (!gone() && Date.now() < deadline) await pause(100);
    if (!gone()) group('SIGKILL');
  }
}

/** A page as big as the chat list: the same rows' text, no script. */
function staticPage(chats: number): string {
  const rows = manyChats(chats)
    .map((chat) => `<li><strong>${chat.name}</strong> <span>${chat.last?.content ?? ''}</span> <time>12:00</time></li>`)
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>S11 floor</title><style>li{display:flex;gap:8px;padding:8px;border-bottom:1px solid #ddd;font:14px system-ui}</style></head><body><nav><ul>${rows}</ul></nav></body></html>`;
}

export async function runS11(params: S11Params): Promise<ScenarioResult> {
  const started = performance.now();
  const root = benchTemp('s11');
  const notes: string[] = [];
  let running: Awaited<ReturnType<typeof startRealServer>> | null = null;
  try {
    const home = path.join(root, 'home');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const dir = profileDir(home, profile);
    // The token is no server's: once a server answers it says "unauthorized", after the paint timed here.
    const user = { id: 1, name: 'Me' };
    await writeCachedProfile(dir, manyChats(params.chats), { serverUrl: url, user, token: 's11-token-of-no-server' });
    const serverLock = sharedServerFiles(home).lock;
    const appGone = () => !fs.existsSync(path.join(dir, 'app.lock')) && !fs.existsSync(serverLock);
    const env = { ...process.env, MESSENGER_HOME: home, MESSENGER_SHELL: 'chromium', MESSENGER_REPORT_PAINT: '1' };
    const npmStart = () =>
      timeLaunch('npm', ['start', '--', '--profile', profile, '--server', url, '--headless'], env, appGone);

    const pageFile = path.join(root, 'static.html');
    fs.writeFileSync(pageFile, staticPage(params.chats));
    const floorData = path.join(root, 'floor-chromium');
    const floorArgs = [
      '--input-type=module',
      '-e',
      staticPageScript,
      chromiumPath(),
      pageFile,
      floorData,
      JSON.stringify(chromiumFlags),
    ];
    const floor = () => timeLaunch(process.execPath, floorArgs, process.env, () => true);

    // Untimed: makes sure out/ is built and Chromium's caches are warm, for both.
    const first = await npmStart();
    say(`  warm-up launch: ${fmt(first.ms)} ms`);
    if (!/first paint: chat-list/.test(first.output)) throw new Error('the app reported no chat-list paint');
    await floor();

    const floors: number[] = [];
    const downs: number[] = [];
    const ups: number[] = [];
    for (let i = 0; i < params.repeats; i++) {
      floors.push((await floor()).ms);
      downs.push((await npmStart()).ms);
      const server = await startRealServer(path.join(root, 'server-data'), { port, name: 'S11 server' });
      running = server;
      try {
        ups.push((await npmStart()).ms);
      } finally {
        running = null;
        await server.stop();
      }
    }
    fs.rmSync(path.join(projectRoot, 'out'), { recursive: true, force: true });
    const cold = (await npmStart()).ms;

    const ms = (value: number) => `${fmt(value)} ms`;
    say(`  floor (static page, same Chromium): ${floors.map(ms).join(', ')}`);
    say(`  warm, server down at launch: ${downs.map(ms).join(', ')}`);
    say(`  warm, server running: ${ups.map(ms).join(', ')}`);
    say(`  cold (out/ removed): ${ms(cold)}`);
    const floorMedian = median(floors);
    const down = median(downs);
    const up = median(ups);
    const warmWorst = Math.max(down, up);
    return {
      id: 'S11',
      title: 'launch: npm start to the first painted list of 1,000 cached chats (Chromium shell)',
      measured: `warm ${ms(down)} (server down at launch), ${ms(up)} (server running); cold ${ms(cold)} (medians)`,
      reference: `static page in the same Chromium ${ms(floorMedian)}`,
      ratio: warmWorst / floorMedian,
      ratioMeaning: 'slower warm row / static-page floor',
      goals: [
        { text: 'warm < 2 s', pass: warmWorst < 2000, reading: `${ms(down)}, ${ms(up)}` },
        {
          text: 'warm ≤ 2× the static-page floor',
          pass: warmWorst <= 2 * floorMedian,
          reading: `${ms(warmWorst)} / ${ms(floorMedian)} = ${fmt(warmWorst / floorMedian, 2)}×`,
        },
        { text: 'cold < 15 s', pass: cold < 15_000, reading: ms(cold) },
      ],
      placement: 'launcher, shell, server and Chromium not pinned; Chromium headless',
      details: { params, floors, warmServerDown: downs, warmServerRunning: ups, cold, warmUp: first.ms },
      notes,
      durationMs: performance.now() - started,
    };
  } finally {
    await running?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
