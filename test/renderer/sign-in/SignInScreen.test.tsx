// Browser runtime (Vitest's Chromium). An http:// server on another computer is not signed in
// to unless the user ticks "Allow unencrypted connection", which says what it means; loopback
// and https:// addresses never ask.
import { cleanup, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { connectApi } from '../../../renderer/ipc/api.js';
import { SignInScreen } from '../../../renderer/sign-in/SignInScreen.js';
import * as act from '../../../renderer/store/actions.js';
import '../../../renderer/styles/theme.css';
import '../../../renderer/styles/base.css';
import '../../../renderer/styles/sign-in.css';
import { account, signedOut } from '../fixtures.js';
import { FakeApi } from '../ipc/fake-api.js';

let fake: FakeApi;
beforeEach(() => {
  act.storeReset();
  fake = new FakeApi();
  connectApi(fake.api);
  fake.answer('login', () => account);
  act.snapshotArrived(signedOut);
  render(
    <StrictMode>
      <SignInScreen />
    </StrictMode>,
  );
});
afterEach(cleanup);

const box = () => screen.queryByRole('checkbox', { name: 'Allow unencrypted connection' });
const logins = () => fake.calls.filter((call) => call.name === 'login').map((call) => call.payload);

async function fillIn(serverUrl: string) {
  const server = screen.getByRole('textbox', { name: 'Server' });
  await userEvent.clear(server);
  await userEvent.type(server, serverUrl);
  await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'alice');
  await userEvent.type(screen.getByLabelText('Password'), 'long enough');
}

describe('the server address on the sign-in screen', () => {
  it('does not ask for this computer or for https://', async () => {
    expect(box()).toBeNull();
    await fillIn('https://chat.example.com');
    expect(box()).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(logins()).toEqual([{ serverUrl: 'https://chat.example.com', name: 'alice', password: 'long enough' }]);
  });

  it('refuses http:// to another computer until the user allows it, and says what that means', async () => {
    await fillIn('http://192.168.1.5:4860');
    const allow = box()!;
    expect(allow).toBeTruthy();
    const hint = document.getElementById(allow.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).toContain('unencrypted');
    expect(hint.textContent).toContain('could read or change them');

    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert').textContent).toContain('Use an https:// address');
    expect(logins()).toEqual([]);

    await userEvent.click(allow);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(logins()).toEqual([
      { serverUrl: 'http://192.168.1.5:4860', name: 'alice', password: 'long enough', allowUnencrypted: true },
    ]);
  });
});
