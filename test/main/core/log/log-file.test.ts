// The log file: owner-only, rotated at its cap, bounded in total, and never a crash.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogFile } from '../../../../main/core/log/log-file.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-log-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const read = (file: string) => fs.readFileSync(file, 'utf8');

describe('LogFile', () => {
  it('appends lines to a file and a folder only its owner can read', () => {
    const log = new LogFile(path.join(dir, 'logs', 'messenger.log'));
    log.write('first');
    log.write('second');
    log.close();
    expect(read(log.file)).toBe('first\nsecond\n');
    expect(fs.statSync(log.file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(log.file)).mode & 0o777).toBe(0o700);
  });

  it('keeps what an earlier run wrote and counts it towards the cap', () => {
    const file = path.join(dir, 'messenger.log');
    fs.writeFileSync(file, 'x'.repeat(90) + '\n');
    const log = new LogFile(file, { maxBytes: 100, keep: 1 });
    log.write('y'.repeat(20));
    log.close();
    expect(read(log.rotated(1))).toBe('x'.repeat(90) + '\n');
    expect(read(file)).toBe('y'.repeat(20) + '\n');
  });

  it('rotates at the cap and keeps only `keep` older files, so the total stays bounded', () => {
    const log = new LogFile(path.join(dir, 'messenger.log'), { maxBytes: 100, keep: 2 });
    for (let i = 0; i < 50; i++) log.write(`line ${String(i).padStart(3, '0')} ${'.'.repeat(30)}`);
    log.close();
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['messenger.1.log', 'messenger.2.log', 'messenger.log']);
    for (const name of files) expect(fs.statSync(path.join(dir, name)).size).toBeLessThanOrEqual(100);
    expect(read(log.file)).toContain('line 049');
    expect(read(log.rotated(1))).toContain('line 047');
    expect(read(log.rotated(2))).toContain('line 045');
  });

  it('writes a line longer than the cap into a file of its own rather than losing it', () => {
    const log = new LogFile(path.join(dir, 'messenger.log'), { maxBytes: 10, keep: 1 });
    log.write('short');
    log.write('a line far longer than ten bytes');
    log.close();
    expect(read(log.rotated(1))).toBe('short\n');
    expect(read(log.file)).toBe('a line far longer than ten bytes\n');
  });

  it('stops writing, without throwing, when the disk refuses', () => {
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, '');
    const log = new LogFile(path.join(blocker, 'messenger.log'));
    expect(() => log.write('lost')).not.toThrow();
    expect(() => log.write('lost too')).not.toThrow();
  });
});
