// Browser runtime (Vitest's Chromium). A damaged outbox is told to the user: how many unsent
// messages were kept, and each lost one with whom it was to and what it said, so it can be
// sent again; or that nothing could be read. Dismissed by the user, gone on sign-out.
import { act as flush, cleanup, render, screen, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { defaultSettings, type OutboxRecovery } from '../../../main/ipc/contract.js';
import { OutboxRecoveryNotice } from '../../../renderer/app/OutboxRecoveryNotice.js';
import { connectApi } from '../../../renderer/ipc/api.js';
import { wireEvents } from '../../../renderer/ipc/wiring.js';
import * as act from '../../../renderer/store/actions.js';
import '../../../renderer/styles/theme.css';
import '../../../renderer/styles/base.css';
import '../../../renderer/styles/layout.css';
import { about, account, chat } from '../fixtures.js';
import { FakeApi } from '../ipc/fake-api.js';

let fake: FakeApi;
let unwire: () => void;
beforeEach(() => {
  act.storeReset();
  fake = new FakeApi();
  connectApi(fake.api);
  unwire = wireEvents(fake.api);
});
afterEach(() => {
  unwire();
  cleanup();
});

function signedInWith(outboxRecovery: OutboxRecovery | null, language: 'en' | 'zh' = 'en') {
  act.snapshotArrived({
    account,
    defaultServerUrl: account.serverUrl,
    connection: 'online',
    chats: [chat(2, 'bob')],
    unreadTotal: 0,
    settings: { ...defaultSettings, language },
    about,
    outboxRecovery,
  });
}

const partly: OutboxRecovery = {
  kept: 2,
  lost: [
    { to: 2, content: 'see you at 6' },
    { to: null, content: null },
  ],
  unreadable: false,
};

describe('the damaged-outbox notice', () => {
  it('says how many were kept and lists each lost message, to whom and what it said', () => {
    signedInWith(partly);
    render(
      <StrictMode>
        <OutboxRecoveryNotice />
      </StrictMode>,
    );
    const notice = screen.getByRole('alert', { name: 'Some unsent messages could not be recovered' });
    expect(notice.textContent).toContain('Not recovered: 2. Recovered and being sent: 2.');
    const items = within(notice).getAllByRole('listitem');
    expect(items.map((item) => item.textContent?.replace(/[\u2068\u2069]/g, ''))).toEqual([
      'To bob: see you at 6',
      'To someone: (the text could not be read)',
    ]);
  });

  it('says when nothing could be read at all', () => {
    signedInWith({ kept: 0, lost: [], unreadable: true });
    render(<OutboxRecoveryNotice />);
    const notice = screen.getByRole('alert');
    expect(notice.textContent).toContain('could not be read');
    expect(notice.textContent).toContain('check your recent chats');
    expect(within(notice).queryByRole('list')).toBeNull();
  });

  it('says it in Chinese too', () => {
    signedInWith(partly, 'zh');
    render(<OutboxRecoveryNotice />);
    const notice = screen.getByRole('alert', { name: '部分未发送的消息无法恢复' });
    expect(notice.textContent).toContain('未能恢复：2 条');
    expect(within(notice).getByRole('button', { name: '关闭' })).toBeTruthy();
  });

  it('goes when dismissed, and is not there when nothing was lost', async () => {
    signedInWith(partly);
    render(<OutboxRecoveryNotice />);
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByTestId('outbox-recovery')).toBeNull();
  });

  it("follows main's event: shown when a session finds it, gone when main clears it", () => {
    signedInWith(null);
    render(<OutboxRecoveryNotice />);
    expect(screen.queryByRole('alert')).toBeNull();
    flush(() => fake.emit('outboxRecovery', partly));
    expect(screen.getByRole('alert')).toBeTruthy();
    flush(() => fake.emit('outboxRecovery', null));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
