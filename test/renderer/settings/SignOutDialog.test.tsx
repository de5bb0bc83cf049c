// Browser runtime (Vitest's Chromium). Signing out from Settings asks first, and offers to
// remove the account's messages from this computer: unticked by default, said plainly what
// it deletes, and passed to main only when ticked.
import { cleanup, render, screen, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { defaultSettings } from '../../../main/ipc/contract.js';
import { connectApi } from '../../../renderer/ipc/api.js';
import { SettingsPane } from '../../../renderer/settings/SettingsPane.js';
import * as act from '../../../renderer/store/actions.js';
import { appStore } from '../../../renderer/store/store.js';
import '../../../renderer/styles/theme.css';
import '../../../renderer/styles/base.css';
import '../../../renderer/styles/overlays.css';
import { about, account } from '../fixtures.js';
import { FakeApi } from '../ipc/fake-api.js';
import { isolated } from '../../../renderer/i18n/strings.js';

let fake: FakeApi;
beforeEach(() => {
  act.storeReset();
  fake = new FakeApi();
  connectApi(fake.api);
  act.snapshotArrived({
    account,
    defaultServerUrl: account.serverUrl,
    connection: 'online',
    chats: [],
    unreadTotal: 0,
    settings: defaultSettings,
    about,
    outboxRecovery: null,
  });
});
afterEach(cleanup);

async function openDialog() {
  render(
    <StrictMode>
      <SettingsPane />
    </StrictMode>,
  );
  await userEvent.click(screen.getByRole('button', { name: 'Sign out…' }));
  return screen.getByRole('dialog', { name: `Sign out of ${isolated(account.user.name)}?` });
}

describe('the sign-out dialog', () => {
  it('signs out keeping the messages unless asked', async () => {
    const dialog = await openDialog();
    const box = within(dialog).getByRole('checkbox', { name: "Remove this account's messages from this computer" });
    expect((box as HTMLInputElement).checked).toBe(false);
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
    expect(dialog.textContent).toContain('Messages on the server stay');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    expect(fake.calls.filter((call) => call.name === 'logout')).toEqual([{ name: 'logout', payload: undefined }]);
    expect(appStore.getState().session.account).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it("asks main to remove the account's messages when the box is ticked", async () => {
    const dialog = await openDialog();
    await userEvent.click(within(dialog).getByRole('checkbox'));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    expect(fake.calls.filter((call) => call.name === 'logout')).toEqual([
      { name: 'logout', payload: { removeCache: true } },
    ]);
  });

  it('changes nothing when cancelled, by the button or Esc', async () => {
    const dialog = await openDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Sign out…' }));
    expect(screen.getByRole('dialog')).toBeTruthy();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.calls.filter((call) => call.name === 'logout')).toEqual([]);
    expect(appStore.getState().session.account).toEqual(account);
  });
});
