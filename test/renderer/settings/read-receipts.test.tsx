// Browser runtime (Vitest's Chromium). Settings → "Send read receipts": a switch that asks the
// core to change the setting, and says that off means the user does not see others' either.
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { defaultSettings } from '../../../main/ipc/contract.js';
import { ReadReceiptsSwitch } from '../../../renderer/settings/ReadReceiptsSwitch.js';
import * as act from '../../../renderer/store/actions.js';
import { setUpStage, show, tearDownStage } from '../chat/chat-stage.js';
import type { FakeApi } from '../ipc/fake-api.js';

let fake: FakeApi;
beforeEach(() => {
  fake = setUpStage();
  fake.answer('updateSettings', (changes) => ({ ...defaultSettings, ...changes }));
});
afterEach(tearDownStage);

describe('the read-receipts switch', () => {
  it('is on by default, turns off through updateSettings, and explains what off means', async () => {
    show(<ReadReceiptsSwitch />);
    const toggle = screen.getByRole<HTMLInputElement>('switch', { name: 'Send read receipts' });
    expect(toggle.checked).toBe(true);
    expect(toggle.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(toggle.getAttribute('aria-describedby')!)?.textContent).toContain(
      'you do not see theirs either',
    );
    await userEvent.click(toggle);
    await expect.poll(() => fake.named('updateSettings')).toEqual([{ readReceipts: false }]);
    await expect.poll(() => toggle.checked).toBe(false);
  });

  it('says it in 中文', () => {
    act.settingsChanged({ ...defaultSettings, language: 'zh' });
    show(<ReadReceiptsSwitch />);
    expect(screen.getByRole('switch', { name: '发送已读回执' })).toBeTruthy();
  });
});
