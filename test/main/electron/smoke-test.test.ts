// --smoke-test: the built app quits with 0 once its window loaded, 1 when it cannot.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { smokeTested } from '../../../main/electron/smoke-test.js';

function fakeWindow() {
  const webContents = new EventEmitter();
  return { webContents: webContents as unknown as { once: EventEmitter['once'] } & EventEmitter };
}

function run(argv: string[]) {
  const window = fakeWindow();
  const exits: number[] = [];
  const lines: string[] = [];
  const timeouts: (() => void)[] = [];
  const returned = smokeTested(argv, window as never, {
    exit: (code) => exits.push(code),
    report: (line) => lines.push(line),
    setTimeout: (timeout) => void timeouts.push(timeout),
  });
  return { window, returned, exits, lines, timeouts };
}

describe('--smoke-test', () => {
  it('exits 0 once the window has loaded', () => {
    const { window, returned, exits, lines } = run(['electron', '.', '--smoke-test']);
    expect(returned).toBe(window);
    window.webContents.emit('did-finish-load');
    expect(exits).toEqual([0]);
    expect(lines).toEqual(['smoke test: the window loaded']);
  });

  it('exits 1 when the window fails to load or never loads', () => {
    const failed = run(['--smoke-test']);
    failed.window.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND');
    expect(failed.exits).toEqual([1]);
    expect(failed.lines[0]).toMatch(/-6 ERR_FILE_NOT_FOUND/);
    const stuck = run(['--smoke-test']);
    stuck.timeouts[0]!();
    expect(stuck.exits).toEqual([1]);
  });

  it('changes nothing without the flag', () => {
    const { window, exits, timeouts } = run(['electron', '.']);
    window.webContents.emit('did-finish-load');
    expect(exits).toEqual([]);
    expect(timeouts).toEqual([]);
  });
});
