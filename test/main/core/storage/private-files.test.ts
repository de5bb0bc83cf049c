// A profile is its owner's only: keepPrivate creates it 0700 and takes group and other
// access from what an older version left (0755 folders, 0644 files), without following
// symlinks out of the profile.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepPrivate } from '../../../../main/core/storage/private-files.js';
import { tempDir } from '../../../support/server.js';
import { capturedLog } from '../log/captured-log.js';

let dir: string;
beforeEach(() => void (dir = tempDir()));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const modeOf = (at: string) => fs.lstatSync(at).mode & 0o777;

describe('keepPrivate', () => {
  it('creates a missing profile folder 0700', async () => {
    const profile = path.join(dir, 'profiles', 'default');
    await keepPrivate(profile, capturedLog().logger);
    expect(modeOf(profile)).toBe(0o700);
  });

  it('tightens folders left 0755 to 0700 and files left 0644 to 0600, and says how many', async () => {
    const profile = path.join(dir, 'profile');
    const chat = path.join(profile, 'users', 'host_4860', '1');
    fs.mkdirSync(chat, { recursive: true, mode: 0o755 });
    for (const folder of [profile, path.join(profile, 'users'), path.join(profile, 'users', 'host_4860'), chat]) {
      fs.chmodSync(folder, 0o755);
    }
    fs.writeFileSync(path.join(profile, 'account.json'), '{}', { mode: 0o644 });
    fs.writeFileSync(path.join(chat, 'outbox.json'), '{}', { mode: 0o644 });
    fs.writeFileSync(path.join(chat, 'already.json'), '{}', { mode: 0o600 });
    const log = capturedLog();

    await keepPrivate(profile, log.logger);

    expect(modeOf(profile)).toBe(0o700);
    expect(modeOf(path.join(profile, 'users'))).toBe(0o700);
    expect(modeOf(chat)).toBe(0o700);
    expect(modeOf(path.join(profile, 'account.json'))).toBe(0o600);
    expect(modeOf(path.join(chat, 'outbox.json'))).toBe(0o600);
    expect(modeOf(path.join(chat, 'already.json'))).toBe(0o600);
    expect(log.at('info')).toEqual(['made 6 profile files and folders readable by their owner only']);
  });

  it('leaves what a symlink points to alone', async () => {
    const profile = path.join(dir, 'profile');
    fs.mkdirSync(profile, { mode: 0o700 });
    const outside = path.join(dir, 'shared.txt');
    fs.writeFileSync(outside, 'not ours', { mode: 0o644 });
    fs.symlinkSync(outside, path.join(profile, 'link'));
    await keepPrivate(profile, capturedLog().logger);
    expect(modeOf(outside)).toBe(0o644);
  });

  it('changes nothing on Windows, which keeps its own ACLs', async () => {
    const profile = path.join(dir, 'profile');
    fs.mkdirSync(profile, { mode: 0o755 });
    fs.chmodSync(profile, 0o755);
    await keepPrivate(profile, capturedLog().logger, 'win32');
    expect(modeOf(profile)).toBe(0o755);
  });
});
