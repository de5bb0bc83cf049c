// Browser runtime (Vitest's Chromium). The sign-in screen asks the server what it allows: an
// invite-only server gets an "Invite code" field whose code goes with the registration, a
// closed one says whom to ask, and the server's limits are checked before asking it.
import { cleanup, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { ServerInfo } from '../../../main/ipc/account-contract.js';
import { connectApi } from '../../../renderer/ipc/api.js';
import { SignInScreen } from '../../../renderer/sign-in/SignInScreen.js';
import * as act from '../../../renderer/store/actions.js';
import { account, signedOut } from '../fixtures.js';
import { FakeApi } from '../ipc/fake-api.js';

const limits = {
  nameMaxCodePoints: 8,
  passwordMinCodePoints: 10,
  passwordMaxCodePoints: 256,
  contentMaxCodePoints: 4000,
};
let fake: FakeApi;

function showWith(registration: ServerInfo['registration']) {
  fake.answer('serverInfo', () => ({ registration, limits }));
  render(
    <StrictMode>
      <SignInScreen />
    </StrictMode>,
  );
}

beforeEach(() => {
  act.storeReset();
  fake = new FakeApi();
  connectApi(fake.api);
  fake.answer('register', () => account);
  act.snapshotArrived(signedOut);
});
afterEach(cleanup);

const registrations = () => fake.named('register');

async function fillIn(name: string, password: string) {
  await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), name);
  await userEvent.type(screen.getByLabelText('Password'), password);
}

describe('registration rules on the sign-in screen', () => {
  it('asks for an invite code on an invite-only server and sends it with the registration', async () => {
    showWith('invite');
    const inviteBox = await screen.findByRole('textbox', { name: 'Invite code' });
    expect(fake.named('serverInfo')).toEqual([{ serverUrl: 'http://127.0.0.1:4860' }]);
    await fillIn('ivy', 'long enough password');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter the invite code to create an account on this server.');
    expect(registrations()).toEqual([]);
    await userEvent.type(inviteBox, ' code-123 ');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(registrations()).toEqual([
      { serverUrl: 'http://127.0.0.1:4860', name: 'ivy', password: 'long enough password', invite: 'code-123' },
    ]);
  });

  it('says whom to ask on a closed server, and offers only signing in', async () => {
    showWith('closed');
    expect((await screen.findByRole('status')).textContent).toBe(
      'This server does not take sign-ups; ask its administrator for an account.',
    );
    expect(screen.queryByRole('button', { name: 'Create account' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Invite code' })).toBeNull();
  });

  it('explains a refused sign-in as a deactivated account, not as a missing invite', async () => {
    fake.fail('login', 'forbidden');
    showWith('invite');
    await fillIn('ivy', 'long enough password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('deactivated');
  });

  it("checks the server's limits before asking it", async () => {
    showWith('open');
    await expect.poll(() => fake.named('serverInfo').length).toBe(1);
    await fillIn('ivy', 'short123');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByRole('alert').textContent).toBe('A password is at least 10 characters on this server.');
    expect(screen.queryByRole('textbox', { name: 'Invite code' })).toBeNull();
    expect(registrations()).toEqual([]);
  });
});
