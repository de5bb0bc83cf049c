// A handshake's token is checked with one read of the store: the session and its user's name
// together (a reconnect storm makes 10,000 of them at once, S6).
import { afterEach, expect, it, vi } from 'vitest';
import { Accounts } from '../../../server/accounts/accounts.js';
import { hashToken } from '../../../server/accounts/tokens.js';
import type { SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { storeWithPair } from '../../support/sqlite-pair.js';

let store: SqliteStore | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await store?.close();
  store = null;
});

it('finds the session and its user in one read', async () => {
  const { store: opened, alice } = await storeWithPair();
  store = opened;
  await store.saveSession({ tokenHash: hashToken('alice-token'), id: 's1', userId: alice, device: '', now: 1 }, 10);
  const finds = vi.spyOn(store, 'findSession');
  const userReads = vi.spyOn(store, 'getUser');
  const accounts = new Accounts(store, () => 2);

  const session = await accounts.authenticate('alice-token');
  expect(session).toEqual({ user: { id: alice, name: 'Alice' }, tokenHash: hashToken('alice-token'), sessionId: 's1' });
  expect(finds).toHaveBeenCalledTimes(1);
  expect(userReads).not.toHaveBeenCalled();
  await expect(accounts.authenticate('other-token')).rejects.toThrow();
});
