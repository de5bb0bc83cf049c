// A settings file written before read receipts keeps every setting it has and turns receipts on,
// as the server has them for an account that never chose; changing another setting leaves them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestCore } from '../../support/cores.js';

describe('the settings file', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a file from before read receipts and timed Do not disturb as receipts on and no end, keeping the rest', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-profile-'));
    dirs.push(dir);
    const old = {
      hideContent: true,
      closeToTray: false,
      doNotDisturb: true,
      startAtLogin: false,
      theme: 'dark',
      language: 'zh',
    };
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ version: 1, settings: old }));
    const core = await TestCore.open(dir);
    expect((await core.call('snapshot')).settings).toEqual({ ...old, readReceipts: true, doNotDisturbUntil: null });
    // Signed out, the change is this computer's only until the next sign-in reads the account.
    expect(await core.call('updateSettings', { readReceipts: false })).toMatchObject({ readReceipts: false });
    // An end still to come (1 January 2100): one already past would turn Do not disturb off at once.
    const end = 4_102_444_800_000;
    expect(await core.call('updateSettings', { doNotDisturbUntil: end })).toMatchObject({ doNotDisturbUntil: end });
    expect(await core.call('updateSettings', { theme: 'light' })).toMatchObject({
      theme: 'light',
      readReceipts: false,
      doNotDisturbUntil: end,
    });
    await core.close();
    const again = await TestCore.open(dir);
    expect((await again.call('snapshot')).settings).toEqual({
      ...old,
      theme: 'light',
      readReceipts: false,
      doNotDisturbUntil: end,
    });
    await again.close();
  });
});
