// Node runtime. users:list and chats:list answer one page at a time (docs/protocol.md §6.3):
// these follow `next` until the last page, so the core always holds the whole list.
import type { Chat, User } from '../../../protocol/contract.js';
import type { Connection } from '../connection/connection.js';

type Server = Pick<Connection, 'request'>;

/** Every chat record of the signed-in user, one per peer. */
export async function allChats(server: Server): Promise<Chat[]> {
  const chats = new Map<number, Chat>();
  await follow(
    (after) => server.request('chats:list', after === undefined ? {} : { after }),
    (page) => {
      for (const chat of page.chats) chats.set(chat.who, chat);
    },
  );
  return [...chats.values()];
}

/** Every other user, in the server's order. */
export async function allUsers(server: Server): Promise<User[]> {
  const users = new Map<number, User>();
  await follow(
    (after) => server.request('users:list', after === undefined ? {} : { after }),
    (page) => {
      for (const user of page.users) users.set(user.id, user);
    },
  );
  return [...users.values()];
}

async function follow<P extends { next?: string }>(
  ask: (after: string | undefined) => Promise<P>,
  take: (page: P) => void,
): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const page = await ask(after);
    take(page);
    // A `next` that does not move on would page forever; an older server sends none.
    if (page.next === undefined || page.next === after) return;
    after = page.next;
  }
}
