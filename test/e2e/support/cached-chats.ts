// A signed-in profile written straight to disk the way the client core keeps it, with a
// cached chat list, pointed at a server address where nothing listens: the app opens
// offline from its cache, as in S5 of the bench.
import fs from 'node:fs';
import { plainFileVault } from '../../../main/core/account/token-vault.js';
import { openChatCache } from '../../../main/core/cache/chat-cache.js';
import { profilePaths } from '../../../main/core/profile.js';
import type { Chat } from '../../../protocol/contract.js';

const nowhere = 'http://127.0.0.1:9';
const me = { id: 1, name: 'Me' };

/** `count` chats, newest first: "Friend 0001" … with a last message each, every 10th unread. */
export function manyChats(count: number, now = Date.now()): Chat[] {
  return Array.from({ length: count }, (_, i) => {
    const who = 100 + i;
    const date = now - (i + 1) * 60_000;
    const last = {
      id: who * 10,
      clientId: `cached-${who}`,
      user: who,
      name: friend(i + 1),
      date,
      content: `Hello from ${friend(i + 1)}`,
      seq: 1,
    };
    return {
      id: who,
      user: me.id,
      who,
      name: friend(i + 1),
      unread: i % 10 === 9 ? 3 : 0,
      updatedAt: date,
      lastSeq: 1,
      last,
    };
  });
}

/** "Friend 0042": zero-padded, so no name is the start of another. */
export function friend(position: number): string {
  return `Friend ${String(position).padStart(4, '0')}`;
}

export interface CachedAccount {
  serverUrl: string;
  user: { id: number; name: string };
  token: string;
}

/** By default the account lives where nothing listens, with a token no server gave. */
export async function writeCachedProfile(
  dir: string,
  chats: Chat[],
  account: CachedAccount = { serverUrl: nowhere, user: me, token: 'e2e-token-for-a-server-that-is-not-there' },
): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const paths = profilePaths(dir);
  const { serverUrl, user, token } = account;
  fs.writeFileSync(paths.account, JSON.stringify({ version: 1, account: { serverUrl, user } }));
  await plainFileVault(paths.token).save(token);
  const cache = await openChatCache(paths.userDir(serverUrl, user.id));
  await cache.saveChats(chats);
}
