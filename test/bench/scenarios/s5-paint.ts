// S5: first paint in the Chromium shell, from the cache, with the real client core behind the
// real bridge: a 10,000-message chat and a chat list of 1,000 chats, against an empty chat
// and an empty chat list.
//
// Two profiles are written to disk the way the core keeps them (account, token, lowdb cache):
// "full" (1,000 chats: "Big Chat" with 10,000 messages, "Empty Chat" with none, 998 others
// with 5 each) and "empty" (the same account, no chats). The core is pointed at a server
// address where nothing listens, so it stays offline and everything shown comes from the
// cache, as when the app starts without a network.
//
// What is timed (all inside the page, on its own clock):
// - chat list: from navigation start (performance.timeOrigin, a reload) to the first frame
//   in which a chat row is visible, painted; the empty list's baseline is the first frame
//   showing the signed-in layout (the main navigation).
// - chat: from the click on the chat's row to the first painted frame showing the chat's
//   heading, its message log and (for Big Chat) a message row of that chat.
// "Painted": the condition is checked in every requestAnimationFrame callback; the frame
// whose callback first sees it is the frame that paints it, and the time is taken by a
// message posted from that callback, which runs once that frame's rendering is done.
//
// The selectors match both renderers: the React UI (nav[aria-label=Main],
// [data-testid=chat-row], [data-testid=message], h2, the message list's
// [role=region][aria-label]) and the plain DOM placeholder (#home, #chats > li,
// #messages > li, h2, #messages).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { rendererOutDir } from '../../../main/build/renderer.config.js';
import { openChromiumShell, type ChromiumShell } from '../../../main/chromium/chromium-shell.js';
import { plainFileVault } from '../../../main/core/account/token-vault.js';
import { openChatCache } from '../../../main/core/cache/chat-cache.js';
import { MessengerCore } from '../../../main/core/messenger-core.js';
import { profilePaths } from '../../../main/core/profile.js';
import type { Chat, Message } from '../../../protocol/contract.js';
import { formatSummary, summarize, type ProfileSummary } from '../support/cpu-profile.js';
import { projectRoot } from '../support/procs.js';
import { fmt, median, say, type ScenarioResult } from '../support/report.js';
import { benchTemp } from '../support/seed.js';

export interface S5Params {
  chats: number;
  bigChatMessages: number;
  repeats: number;
}

/** Nothing listens on the discard port: the core stays offline and shows its cache. */
const serverUrl = 'http://127.0.0.1:9';
const me = { id: 1, name: 'Me' };
const bigChat = { who: 2, name: 'Big Chat', marker: '[big]' };
const emptyChat = { who: 3, name: 'Empty Chat' };

function message(who: number, seq: number, date: number, content: string): Message {
  const mine = seq % 2 === 0;
  return {
    id: who * 100_000 + seq,
    clientId: `s5-${who}-${seq}`,
    user: mine ? me.id : who,
    name: mine ? me.name : `peer ${who}`,
    date,
    content,
    seq,
  };
}

async function writeProfile(dir: string, chats: number, bigChatMessages: number): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const paths = profilePaths(dir);
  fs.writeFileSync(paths.account, JSON.stringify({ version: 1, account: { serverUrl, user: me } }));
  await plainFileVault(paths.token).save('bench-token-never-sent-anywhere-that-listens');
  const cache = await openChatCache(paths.userDir(serverUrl, me.id));
  const now = Date.now();
  const list: Chat[] = [];
  const add = async (who: number, name: string, messages: Message[], updatedAt: number) => {
    if (messages.length > 0) await cache.addMessages(who, who, messages);
    const last = messages.at(-1) ?? null;
    list.push({ id: who, user: me.id, who, name, unread: 0, updatedAt, lastSeq: last?.seq ?? 0, last });
  };
  if (chats > 0) {
    const start = now - bigChatMessages * 60_000;
    const history = Array.from({ length: bigChatMessages }, (_, i) =>
      message(
        bigChat.who,
        i + 1,
        start + i * 60_000,
        `${bigChat.marker} message ${i + 1}: ${'words to read '.repeat(1 + (i % 7))}`,
      ),
    );
    await add(bigChat.who, bigChat.name, history, now - 60_000);
    await add(emptyChat.who, emptyChat.name, [], now - 120_000);
    for (let i = 0; i < chats - 2; i++) {
      const who = 4 + i;
      const at = now - 3_600_000 - i * 60_000;
      await add(
        who,
        `friend ${who}`,
        Array.from({ length: 5 }, (_, s) => message(who, s + 1, at - (5 - s) * 1000, `hello from ${who}, #${s + 1}`)),
        at,
      );
    }
  }
  await cache.saveChats(list);
}

/** Installed at document start in every page: a frame-by-frame watcher, see the header. */
const pageProbe = `(() => {
  const visible = (el) => !!el && el.getClientRects().length > 0 && (typeof el.checkVisibility !== 'function' || el.checkVisibility());
  const all = (selector) => Array.from(document.querySelectorAll(selector));
  const conditions = {
    layout: () => all('nav[aria-label="Main"], #home:not([hidden])').some(visible),
    chatRow: () => all('[data-testid="chat-row"], #chats > li').some(visible),
    chat: (name, marker) =>
      all('h2').some((h) => h.textContent.trim() === name && visible(h)) &&
      all('[role="region"][aria-label], #messages').some(visible) &&
      (!marker || all('[data-testid="message"], #messages > li').some((m) => visible(m) && m.textContent.includes(marker))),
  };
  const watch = (kind, ...args) => new Promise((resolve) => {
    const check = () => {
      if (!conditions[kind](...args)) return requestAnimationFrame(check);
      const seenAt = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ seenAt, paintedAt: performance.now() });
      channel.port2.postMessage(0);
    };
    requestAnimationFrame(check);
  });
  Object.defineProperty(window, '__bench', { value: {
    watch,
    load: { layout: watch('layout'), chatRow: watch('chatRow') },
    renderer: () => (document.getElementById('sign-in') && document.getElementById('home') ? 'placeholder' : 'react'),
    fcp: () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
  } });
})();`;

interface Painted {
  seenAt: number;
  paintedAt: number;
}

interface Shell {
  shell: ChromiumShell;
  close(): Promise<void>;
}

async function openShell(profileDir: string): Promise<Shell> {
  const bridge = await MessengerCore.open({ profileDir, defaultServerUrl: serverUrl });
  const shell = await openChromiumShell({ bridge, rendererDir: rendererOutDir, headless: true });
  await shell.page.context().addInitScript({ content: pageProbe });
  await shell.page.setViewportSize({ width: 1280, height: 800 });
  return { shell, close: () => shell.close() };
}

/** Reloads the renderer and waits for `kind` to be painted: ms since navigation start. */
async function timeLoad(shell: ChromiumShell, kind: 'layout' | 'chatRow'): Promise<{ ms: number; fcp: number | null }> {
  await shell.page.reload();
  const painted = await shell.page.evaluate((k) => (globalThis as any).__bench.load[k] as Promise<Painted>, kind);
  const fcp = await shell.page.evaluate(() => (globalThis as any).__bench.fcp() as number | null);
  return { ms: painted.paintedAt, fcp };
}

/** A CPU profile of the renderer page (JS only: layout and paint show as "(program)"). */
async function profilePage(
  shell: ChromiumShell,
  file: string,
  action: () => Promise<unknown>,
): Promise<ProfileSummary> {
  const cdp = await shell.page.context().newCDPSession(shell.page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await action();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  fs.writeFileSync(file, JSON.stringify(profile));
  return summarize(file);
}

/** Clicks the chat's row and waits for the chat to be painted: ms since the click. */
async function timeOpen(shell: ChromiumShell, name: string, marker: string | null): Promise<number> {
  return shell.page.evaluate(
    async ({ name, marker }) => {
      const page = globalThis as any;
      const rows: any[] = Array.from(page.document.querySelectorAll('[data-testid="chat-row"], #chats > li'));
      const row = rows.find((r) => r.textContent.includes(name));
      if (!row) throw new Error(`no chat row for ${name}`);
      const button = row.matches('button') ? row : row.querySelector('button');
      const watching = page.__bench.watch('chat', name, marker) as Promise<Painted>;
      const clickedAt = page.performance.now();
      button.click();
      const painted = await watching;
      return painted.paintedAt - clickedAt;
    },
    { name, marker },
  );
}

function ensureRendererBuilt(): string {
  const index = path.join(rendererOutDir, 'index.html');
  if (!fs.existsSync(index)) {
    say('  out/renderer is missing: npm run build');
    const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: projectRoot, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build failed');
  }
  return fs.statSync(index).mtime.toISOString();
}

export interface S5Options {
  /** Also CPU-profile the page while the 1,000-chat list loads and while Big Chat opens. */
  profile: boolean;
  profileDir: string;
}

export async function runS5(params: S5Params, options: S5Options): Promise<ScenarioResult> {
  const started = performance.now();
  const builtAt = ensureRendererBuilt();
  const root = benchTemp('s5');
  const notes: string[] = [];
  try {
    const fullDir = path.join(root, 'full');
    const emptyDir = path.join(root, 'empty');
    await writeProfile(fullDir, params.chats, params.bigChatMessages);
    await writeProfile(emptyDir, 0, 0);

    // The empty chat list first (the baseline), then the full one, each in its own shell.
    const empty = await openShell(emptyDir);
    const emptyList: number[] = [];
    let renderer = 'unknown';
    try {
      for (let i = 0; i < params.repeats + 1; i++) emptyList.push((await timeLoad(empty.shell, 'layout')).ms);
      renderer = await empty.shell.page.evaluate(() => (globalThis as any).__bench.renderer() as string);
    } finally {
      await empty.close();
    }
    const full = await openShell(fullDir);
    const fullList: number[] = [];
    const fcps: Array<number | null> = [];
    const bigOpens: number[] = [];
    const emptyOpens: number[] = [];
    try {
      for (let i = 0; i < params.repeats + 1; i++) {
        const { ms, fcp } = await timeLoad(full.shell, 'chatRow');
        fullList.push(ms);
        fcps.push(fcp);
      }
      // Alternate: the empty chat (baseline), then the big one. The first open of Big Chat is
      // its first since the app started: the core reads and checks its file then.
      for (let i = 0; i < params.repeats; i++) {
        emptyOpens.push(await timeOpen(full.shell, emptyChat.name, null));
        bigOpens.push(await timeOpen(full.shell, bigChat.name, bigChat.marker));
      }
      if (options.profile) {
        const list = await profilePage(full.shell, path.join(options.profileDir, 's5-list.cpuprofile'), () =>
          timeLoad(full.shell, 'chatRow'),
        );
        say(`  profile of the page while the ${fmt(params.chats)}-chat list loads:\n${formatSummary(list)}`);
        await timeOpen(full.shell, emptyChat.name, null);
        const chat = await profilePage(full.shell, path.join(options.profileDir, 's5-chat.cpuprofile'), () =>
          timeOpen(full.shell, bigChat.name, bigChat.marker),
        );
        say(`  profile of the page while Big Chat opens:\n${formatSummary(chat)}`);
      }
    } finally {
      await full.close();
    }
    // The first load of each shell warms Chromium's caches for the renderer: dropped.
    const listWarm = fullList.slice(1);
    const emptyListWarm = emptyList.slice(1);
    const ms = (value: number) => `${fmt(value, 1)} ms`;
    say(`  renderer: ${renderer} (out/renderer built ${builtAt})`);
    say(
      `  chat list, ${fmt(params.chats)} chats: first row painted at ${listWarm.map(ms).join(', ')} after navigation (first load ${ms(fullList[0]!)}); FCP ${fcps
        .slice(1)
        .map((f) => (f === null ? '?' : ms(f)))
        .join(', ')}`,
    );
    say(`  chat list, empty: layout painted at ${emptyListWarm.map(ms).join(', ')} (first load ${ms(emptyList[0]!)})`);
    say(
      `  open ${fmt(params.bigChatMessages)}-message chat: ${bigOpens.map(ms).join(', ')} (the first is its first open since start)`,
    );
    say(`  open empty chat: ${emptyOpens.map(ms).join(', ')}`);
    if (renderer === 'placeholder')
      notes.push(
        'measured against the plain DOM placeholder renderer: re-run S5 once the React UI is built into out/renderer',
      );

    const listMedian = median(listWarm);
    const bigMedian = median(bigOpens);
    const bigWorst = Math.max(...bigOpens);
    const emptyOpenMedian = median(emptyOpens);
    const emptyListMedian = median(emptyListWarm);
    return {
      id: 'S5',
      title: 'renderer first paint (Chromium shell): 10,000-message chat, 1,000-chat list',
      measured: `${fmt(params.bigChatMessages)}-message chat painted ${ms(bigMedian)} after the click (median; worst ${ms(bigWorst)}, first open ${ms(bigOpens[0]!)}); ${fmt(params.chats)}-chat list painted ${ms(listMedian)} after navigation (median)`,
      reference: `empty chat ${ms(emptyOpenMedian)}; empty chat list ${ms(emptyListMedian)}`,
      ratio: bigMedian / emptyOpenMedian,
      ratioMeaning: `big chat / empty chat; list / empty list ${fmt(listMedian / emptyListMedian, 2)}`,
      goals: [
        { text: '< 100 ms, 10,000-message chat (worst open)', pass: bigWorst < 100, reading: ms(bigWorst) },
        {
          text: '< 100 ms, 1,000-chat list (beyond the empty list)',
          pass: listMedian - emptyListMedian < 100,
          reading: `${ms(listMedian)} − ${ms(emptyListMedian)} = ${ms(listMedian - emptyListMedian)}`,
        },
      ],
      placement: 'core and bench in one Node process, Chromium headless, not pinned',
      details: { params, renderer, rendererBuiltAt: builtAt, fullList, emptyList, fcps, bigOpens, emptyOpens },
      notes,
      durationMs: performance.now() - started,
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
