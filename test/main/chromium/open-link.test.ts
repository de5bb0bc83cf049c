// Links from messages in the Chromium shell: the core checks them, the system's browser gets
// them as one argument (never through a shell), and the shell says what it cannot do.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  chromiumShellHooks,
  linkOpenerCommand,
  systemLinkOpener,
  type Spawn,
} from '../../../main/chromium/open-link.js';
import { ShellState } from '../../../main/core/shell/shell-state.js';

interface Spawned {
  command: string;
  args: readonly string[];
  options: Record<string, unknown>;
}

/** A spawn that records its call and starts at once, like a real opener does. */
function recordingSpawn(): { spawn: Spawn; calls: Spawned[]; unrefs: () => number } {
  const calls: Spawned[] = [];
  let unrefs = 0;
  const spawn = ((command: string, args: readonly string[], options: Record<string, unknown>) => {
    calls.push({ command, args, options });
    const child = Object.assign(new EventEmitter(), { unref: () => void (unrefs += 1) });
    queueMicrotask(() => child.emit('spawn'));
    return child;
  }) as unknown as Spawn;
  return { spawn, calls, unrefs: () => unrefs };
}

const tricky = 'https://example.com/a?b=1&c=%22x%22%20y;rm%20-rf|z';

describe('the link opener', () => {
  it('is xdg-open on Linux, open on macOS and explorer on Windows, the URL one argument', () => {
    expect(linkOpenerCommand('linux', tricky)).toEqual({ command: 'xdg-open', args: [tricky] });
    expect(linkOpenerCommand('freebsd', tricky)).toEqual({ command: 'xdg-open', args: [tricky] });
    expect(linkOpenerCommand('darwin', tricky)).toEqual({ command: 'open', args: [tricky] });
    expect(linkOpenerCommand('win32', tricky)).toEqual({ command: 'explorer.exe', args: [tricky] });
  });

  it('spawns the opener detached, without a shell, and does not wait for the browser', async () => {
    for (const [platform, command] of [
      ['linux', 'xdg-open'],
      ['darwin', 'open'],
      ['win32', 'explorer.exe'],
    ] as const) {
      const { spawn, calls, unrefs } = recordingSpawn();
      await systemLinkOpener(platform, spawn)(tricky);
      expect(calls).toEqual([
        { command, args: [tricky], options: expect.objectContaining({ detached: true, shell: false }) },
      ]);
      expect(unrefs()).toBe(1);
    }
  });

  it('reports a missing opener as a failure the window can show', async () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(systemLinkOpener('linux')('https://example.com/')).rejects.toMatchObject({
        failure: { code: 'not_found' },
      });
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe("the Chromium shell's hooks", () => {
  it('say it is the Chromium shell, with no tray, login item, spell-check menu or updates', () => {
    expect(chromiumShellHooks('linux').features).toEqual({
      shell: 'chromium',
      tray: false,
      startAtLogin: false,
      spellCheck: false,
      updates: false,
    });
  });

  it('get the links the core lets through, and only those', async () => {
    const { spawn, calls } = recordingSpawn();
    const state = new ShellState(chromiumShellHooks('linux', spawn), () => {});
    await state.openLink(tricky);
    await expect(state.openLink('file:///etc/passwd')).rejects.toMatchObject({ failure: { code: 'bad_request' } });
    expect(calls.map((call) => call.args)).toEqual([[tricky]]);
  });
});
