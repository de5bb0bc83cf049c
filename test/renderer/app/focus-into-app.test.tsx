// Browser runtime (Vitest's Chromium). When the messenger appears (signed in, account created,
// or the window opened already signed in) focus goes into it, not onto <body>: the chat
// list's current row, or the search box while there are no chats.
import { cleanup, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { App } from '../../../renderer/app/App.js';
import { connectApi } from '../../../renderer/ipc/api.js';
import * as act from '../../../renderer/store/actions.js';
import '../../../renderer/styles/theme.css';
import '../../../renderer/styles/base.css';
import '../../../renderer/styles/layout.css';
import '../../../renderer/styles/chat-list.css';
import { account, chat, signedOut } from '../fixtures.js';
import { FakeApi } from '../ipc/fake-api.js';

let fake: FakeApi;
beforeEach(() => {
  act.storeReset();
  fake = new FakeApi();
  connectApi(fake.api);
  fake.answer('login', () => account);
  fake.answer('register', () => account);
  fake.answer('listUsers', () => []);
});
afterEach(cleanup);

function showApp(): void {
  render(
    <StrictMode>
      <div style={{ height: 600 }}>
        <App />
      </div>
    </StrictMode>,
  );
}

const searchBox = () => screen.getByRole('searchbox', { name: 'Search' });

async function submit(button: 'Sign in' | 'Create account'): Promise<void> {
  act.snapshotArrived(signedOut);
  showApp();
  await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'alice');
  await userEvent.type(screen.getByLabelText('Password'), 'long enough');
  // The button has the focus as it goes: it must not leave focus on <body>.
  screen.getByRole('button', { name: button }).focus();
  await userEvent.keyboard('{Enter}');
  await screen.findByRole('navigation', { name: 'Main' });
}

describe('focus when the messenger appears', () => {
  it('goes to the search box after signing in (no chats yet)', async () => {
    await submit('Sign in');
    await expect.poll(() => document.activeElement).toBe(searchBox());
  });

  it('goes to the search box after creating an account', async () => {
    await submit('Create account');
    await expect.poll(() => document.activeElement).toBe(searchBox());
    expect(fake.named('register')).toHaveLength(1);
  });

  it('goes to the top chat’s row when the window opens signed in with chats', async () => {
    act.snapshotArrived({ ...signedOut, account, connection: 'online', chats: [chat(2, 'bob'), chat(3, 'carol')] });
    showApp();
    await expect.poll(() => document.activeElement).toBe(screen.getByRole('button', { name: /^carol/ }));
  });
});
