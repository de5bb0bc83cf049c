// Browser runtime (Vitest's Chromium). A window whose first snapshot fails says so and offers
// to try again, instead of "Loading…" for ever; the failure is reported to main's log.
import { cleanup, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { App } from '../../../renderer/app/App.js';
import { connectApi } from '../../../renderer/ipc/api.js';
import { startWindow } from '../../../renderer/ipc/wiring.js';
import * as act from '../../../renderer/store/actions.js';
import '../../../renderer/styles/theme.css';
import '../../../renderer/styles/base.css';
import '../../../renderer/styles/sign-in.css';
import { signedOut } from '../fixtures.js';
import { FakeApi } from '../ipc/fake-api.js';

let fake: FakeApi;
beforeEach(() => {
  act.storeReset();
  fake = new FakeApi();
  connectApi(fake.api);
});
afterEach(cleanup);

describe('starting the window', () => {
  it('offers to try again when the first snapshot fails, and starts when it then loads', async () => {
    fake.fail('snapshot', 'internal');
    render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    await startWindow();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Messenger could not start.');
    expect(fake.reports.map((report) => report.context)).toEqual(['loading the window']);

    fake.answer('snapshot', () => signedOut);
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
