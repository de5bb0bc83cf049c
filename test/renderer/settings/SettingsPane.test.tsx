// Browser runtime (Vitest's Chromium). Settings → About: the app's version and the log file's
// path, as the snapshot gives them, in both languages.
import { cleanup, render, screen, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../main/ipc/contract.js';
import { connectApi } from '../../../renderer/ipc/api.js';
import { SettingsPane } from '../../../renderer/settings/SettingsPane.js';
import * as act from '../../../renderer/store/actions.js';
import '../../../renderer/styles/theme.css';
import '../../../renderer/styles/base.css';
import '../../../renderer/styles/chat-list.css';
import { about, account } from '../fixtures.js';
import { FakeApi } from '../ipc/fake-api.js';

function snapshotWith(language: 'en' | 'zh', sessionKept: 'encrypted' | 'plain' = 'encrypted') {
  act.snapshotArrived({
    account,
    defaultServerUrl: account.serverUrl,
    connection: 'online',
    chats: [],
    unreadTotal: 0,
    settings: { ...defaultSettings, language },
    about: { ...about, sessionKept },
    outboxRecovery: null,
  });
}

beforeEach(() => {
  act.storeReset();
  connectApi(new FakeApi().api);
});
afterEach(cleanup);

describe('Settings → About', () => {
  it('shows the version and where the log file is', () => {
    snapshotWith('en');
    render(
      <StrictMode>
        <SettingsPane />
      </StrictMode>,
    );
    const section = screen.getByRole('region', { name: 'About' });
    expect(within(section).getByText(`Version ${about.version}`)).toBeTruthy();
    expect(within(section).getByText('Log file')).toBeTruthy();
    expect(within(section).getByTestId('log-file').textContent).toBe(about.logFile);
    expect(section.textContent).toMatch(/no message content/);
  });

  it('says it in Chinese too', () => {
    snapshotWith('zh');
    render(<SettingsPane />);
    const section = screen.getByRole('region', { name: '关于' });
    expect(within(section).getByText(`版本 ${about.version}`)).toBeTruthy();
    expect(within(section).getByText('日志文件')).toBeTruthy();
    expect(within(section).getByTestId('log-file').textContent).toBe(about.logFile);
  });

  it('says when the sign-in is kept as plain text, and what that means', () => {
    snapshotWith('en', 'plain');
    render(<SettingsPane />);
    const section = screen.getByRole('region', { name: 'About' });
    expect(within(section).getByText('Sign-in')).toBeTruthy();
    const kept = within(section).getByTestId('session-kept');
    expect(kept.textContent).toMatch(/^Kept as plain text in a file only your user account can read/);
    expect(kept.textContent).toContain('no keyring');
  });

  it('says when it is encrypted, in Chinese too', () => {
    snapshotWith('en');
    render(<SettingsPane />);
    expect(screen.getByTestId('session-kept').textContent).toBe("Kept encrypted with your system's keyring.");
    cleanup();
    snapshotWith('zh', 'plain');
    render(<SettingsPane />);
    expect(screen.getByTestId('session-kept').textContent).toMatch(/^以明文保存/);
  });
});
