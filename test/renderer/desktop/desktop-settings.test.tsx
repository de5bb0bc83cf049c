// Browser runtime (Vitest's Chromium). The desktop in Settings and around the list: settings a
// shell cannot honour are hidden, Do not disturb "until tomorrow 8:00" sets the next morning,
// a downloaded update offers "Restart to update", and the banner says why the server went away.
import { act as flush, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { defaultSettings, type Snapshot } from '../../../main/ipc/contract.js';
import type { DesktopFeatures } from '../../../main/ipc/desktop-contract.js';
import { ConnectionBanner } from '../../../renderer/app/ConnectionBanner.js';
import { UpdateBar } from '../../../renderer/app/UpdateBar.js';
import { connectApi } from '../../../renderer/ipc/api.js';
import { wireEvents } from '../../../renderer/ipc/wiring.js';
import { SettingsPane } from '../../../renderer/settings/SettingsPane.js';
import * as act from '../../../renderer/store/actions.js';
import { about, account } from '../fixtures.js';
import { FakeApi } from '../ipc/fake-api.js';

let fake: FakeApi;
let unwire: () => void;
beforeEach(() => {
  act.storeReset();
  fake = new FakeApi();
  connectApi(fake.api);
  fake.answer('updateSettings', (changes) => ({ ...defaultSettings, ...changes }));
  fake.answer('restartToUpdate', () => undefined);
  unwire = wireEvents(fake.api);
});
afterEach(() => {
  unwire();
  cleanup();
  vi.useRealTimers();
});

function snapshot(fields: Partial<Snapshot> = {}, language: 'en' | 'zh' = 'en') {
  act.snapshotArrived({
    account,
    defaultServerUrl: account.serverUrl,
    connection: 'online',
    chats: [],
    unreadTotal: 0,
    settings: { ...defaultSettings, language },
    about,
    outboxRecovery: null,
    ...fields,
  });
}

const electron: DesktopFeatures = {
  shell: 'electron',
  tray: true,
  startAtLogin: true,
  spellCheck: true,
  updates: true,
};

describe('Settings for this shell', () => {
  it('hides Close to tray and Start at login when the shell says nothing of them', () => {
    snapshot();
    render(<SettingsPane />);
    expect(screen.queryByRole('checkbox', { name: 'Close to tray' })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: /Start Messenger/ })).toBeNull();
  });

  it('shows them where they have an effect, and saves Start at login', async () => {
    snapshot({ desktop: electron });
    render(<SettingsPane />);
    expect(screen.getByRole('checkbox', { name: 'Close to tray' })).toBeTruthy();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Start Messenger when you sign in to this computer' }));
    expect(fake.named('updateSettings')).toEqual([{ startAtLogin: true }]);
  });
});

describe('Do not disturb', () => {
  it('until tomorrow 8:00 sets the next morning and says until when', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2024, 2, 14, 22, 30));
    snapshot();
    render(<SettingsPane />);
    const group = screen.getByRole('group', { name: 'Do not disturb' });
    expect(within(group).getByRole('radio', { name: 'Off' })).toHaveProperty('checked', true);
    await userEvent.click(within(group).getByRole('radio', { name: 'Until tomorrow 8:00 AM' }));
    const morning = new Date(2024, 2, 15, 8).getTime();
    expect(fake.named('updateSettings')).toEqual([{ doNotDisturb: true, doNotDisturbUntil: morning }]);
    await expect
      .poll(() => within(group).getByRole('radio', { name: /Until tomorrow/ }))
      .toHaveProperty('checked', true);
    expect(group.textContent).toContain('On until Mar 15, 2024 8:00 AM.');
    await userEvent.click(within(group).getByRole('radio', { name: 'On' }));
    expect(fake.named('updateSettings').at(-1)).toEqual({ doNotDisturb: true, doNotDisturbUntil: null });
  });

  it('reads a time already past as off, in Chinese too', () => {
    snapshot({
      settings: { ...defaultSettings, language: 'zh', doNotDisturb: true, doNotDisturbUntil: Date.now() - 1 },
    });
    render(<SettingsPane />);
    const group = screen.getByRole('group', { name: '勿扰模式' });
    expect(within(group).getByRole('radio', { name: '关闭' })).toHaveProperty('checked', true);
    expect(within(group).getByRole('radio', { name: '直到明天 08:00' })).toBeTruthy();
  });
});

describe('Restart to update', () => {
  it('appears once the update is ready, and asks main to restart', async () => {
    snapshot({ desktop: electron, update: { state: 'downloading', version: '2.0.0', percent: 40 } });
    render(<UpdateBar />);
    expect(screen.queryByRole('button', { name: 'Restart to update' })).toBeNull();
    flush(() => fake.emit('update', { state: 'ready', version: '2.0.0' }));
    expect(screen.getByRole('status').textContent).toContain('Version 2.0.0 is ready.');
    await userEvent.click(screen.getByRole('button', { name: 'Restart to update' }));
    expect(fake.named('restartToUpdate')).toHaveLength(1);
  });

  it('shows the download quietly in About', () => {
    snapshot({ desktop: electron, update: { state: 'downloading', version: '2.0.0', percent: 40 } });
    render(<SettingsPane />);
    expect(screen.getByRole('region', { name: 'About' }).textContent).toContain('Downloading version 2.0.0: 40%');
  });
});

describe('the server went away', () => {
  const at = new Date(2024, 2, 14, 14, 5).getTime();
  it('says the server’s reason while offline, and nothing of it once online', () => {
    snapshot();
    render(<ConnectionBanner />);
    const banner = screen.getByTestId('connection-banner');
    flush(() => {
      fake.emit('serverNotice', { reason: 'shutdown', message: 'Maintenance until noon.', at });
      fake.emit('connection', 'connecting');
    });
    expect(banner.textContent).toBe(
      'The server was stopped: Maintenance until noon. Reconnecting when it is back.since 2:05 PM',
    );
    flush(() => fake.emit('serverNotice', { reason: 'restart', message: '', at }));
    expect(banner.textContent).toBe('The server is restarting…since 2:05 PM');
    flush(() => fake.emit('serverNotice', null));
    expect(banner.textContent).toBe('Reconnecting…');
  });

  it('says it in Chinese', () => {
    snapshot({ connection: 'offline', serverNotice: { reason: 'shutdown', message: '维护。', at } }, 'zh');
    render(<ConnectionBanner />);
    expect(screen.getByTestId('connection-banner').textContent).toBe(
      '服务器已停止：维护。服务器恢复后会自动重新连接。自 14:05',
    );
  });
});
