// Browser runtime (Vitest's Chromium, real layout). The sign-in form states its rules before
// submitting, puts the server's reason beside the field it concerns (aria-invalid, described
// by the reason), keeps one for the whole form when the server names no field, and does not
// change height when an error appears.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { connectApi } from '../../../renderer/ipc/api.js';
import { SignInScreen } from '../../../renderer/sign-in/SignInScreen.js';
import * as act from '../../../renderer/store/actions.js';
import { signedOut } from '../fixtures.js';
import { FakeApi } from '../ipc/fake-api.js';

const limits = {
  nameMaxCodePoints: 8,
  passwordMinCodePoints: 10,
  passwordMaxCodePoints: 256,
  contentMaxCodePoints: 4000,
};
let fake: FakeApi;

beforeEach(() => {
  act.storeReset();
  fake = new FakeApi();
  connectApi(fake.api);
  fake.answer('serverInfo', () => ({ registration: 'open', limits }));
  act.snapshotArrived(signedOut);
  render(<SignInScreen />);
});
afterEach(cleanup);

const nameBox = () => screen.getByRole('textbox', { name: 'Name' });
const passwordBox = () => screen.getByLabelText('Password');
const form = () => nameBox().closest('form')!;
const describedBy = (element: HTMLElement) => document.getElementById(element.getAttribute('aria-describedby')!)!;

function rejectWith(name: 'login' | 'register', code: string, field?: string) {
  fake.answers.set(name, () => {
    throw Object.assign(new Error(code), { code, field });
  });
}

async function submit(button: 'Sign in' | 'Create account', name = 'ivy', password = 'long enough password') {
  await userEvent.type(nameBox(), name);
  await userEvent.type(passwordBox(), password);
  await userEvent.click(screen.getByRole('button', { name: button }));
}

describe('the sign-in form', () => {
  it("shows the server's rules before submitting, and keeps names within its maximum", async () => {
    await expect.poll(() => describedBy(nameBox()).textContent).toBe('1 to 8 characters.');
    expect(describedBy(passwordBox()).textContent).toBe('At least 10 characters for a new account.');
    // Twice the characters in UTF-16 units, so a name of emoji still fits.
    expect(nameBox().getAttribute('maxLength')).toBe('16');
  });

  it('puts a taken name beside the name field without moving the form', async () => {
    await expect.poll(() => describedBy(nameBox()).textContent).toBe('1 to 8 characters.');
    const before = form().getBoundingClientRect().height;
    rejectWith('register', 'conflict');
    await submit('Create account');
    const reason = await screen.findByRole('alert');
    expect(reason.textContent).toBe('That name is taken');
    expect(describedBy(nameBox()).contains(reason)).toBe(true);
    expect(nameBox().getAttribute('aria-invalid')).toBe('true');
    expect(passwordBox().getAttribute('aria-invalid')).toBeNull();
    expect(form().getBoundingClientRect().height).toBe(before);
    // Typing in the field takes its error away: the rule is back.
    await userEvent.type(nameBox(), 'y');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(describedBy(nameBox()).textContent).toBe('1 to 8 characters.');
  });

  it('follows the field the server names', async () => {
    rejectWith('register', 'bad_request', 'password');
    await submit('Create account');
    const reason = await screen.findByRole('alert');
    expect(describedBy(passwordBox()).contains(reason)).toBe(true);
    expect(passwordBox().getAttribute('aria-invalid')).toBe('true');
    expect(nameBox().getAttribute('aria-invalid')).toBeNull();
  });

  it('says a reason without a field for the whole form', async () => {
    rejectWith('login', 'unauthorized');
    await submit('Sign in');
    const reason = await screen.findByRole('alert');
    expect(reason.textContent).toBe('Wrong name or password');
    expect(describedBy(nameBox()).contains(reason)).toBe(false);
    expect(describedBy(passwordBox()).contains(reason)).toBe(false);
    expect(nameBox().getAttribute('aria-invalid')).toBeNull();
  });
});
