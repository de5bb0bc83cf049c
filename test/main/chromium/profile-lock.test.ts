// One running app per profile folder.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockProfile } from '../../../main/chromium/profile-lock.js';
import { tempDir } from '../../support/server.js';

describe('lockProfile', () => {
  it('lets one holder in at a time and frees the profile on release', () => {
    const dir = tempDir();
    try {
      const first = lockProfile(dir);
      expect(first).not.toBeNull();
      expect(lockProfile(dir)).toBeNull();
      first!.release();
      const again = lockProfile(dir);
      expect(again).not.toBeNull();
      again!.release();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes over the lock of a process that is gone', () => {
    const dir = tempDir();
    try {
      // No process runs with a pid this large (the Linux maximum is 2^22).
      fs.writeFileSync(path.join(dir, 'app.lock'), '99999999');
      const lock = lockProfile(dir);
      expect(lock).not.toBeNull();
      lock!.release();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
