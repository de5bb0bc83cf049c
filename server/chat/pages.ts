// Server, chat: users:list and chats:list as pages (docs/protocol.md §6.3), each read costing
// a bounded number of rows however many users or records there are.
import type { Chat, ChatsRequest, UsersRequest } from '../../protocol/contract.js';
import { limits } from '../../protocol/limits.js';
import { byRecency } from '../../protocol/order.js';
import { nameKey } from '../../protocol/schemas.js';
import type { ListedUser, Store, StoredUser } from '../store/store.js';

/**
 * Rows one `query` page looks at. A query that matches few names would otherwise scan the whole
 * directory in one read; instead the page stops here and its `next` resumes the scan.
 */
export const userScanRows = 2000;

export interface UsersPageOf<U> {
  users: U[];
  next?: string;
}

/** One page of users other than `caller`, in name-key order; `next` is the last name key looked at. */
export async function usersPage(
  store: Pick<Store, 'listUsers'>,
  caller: number,
  request: UsersRequest,
): Promise<UsersPageOf<StoredUser>> {
  const limit = request.limit ?? limits.listMaxLimit;
  const key = request.query ? nameKey(request.query) : '';
  // Without a query: one more than the page, plus the caller, tells whether more follow.
  const take = key ? Math.max(userScanRows, limit + 2) : limit + 2;
  const rows = await store.listUsers(request.after ?? null, take);
  // Deactivated users are read (the page still costs O(count)) but not shown.
  const found = rows.filter((user) => user.active && user.id !== caller && user.nameKey.includes(key));
  if (found.length > limit) {
    const users = found.slice(0, limit);
    return { users: users.map(stored), next: users.at(-1)!.nameKey };
  }
  // A full scan window may hide more matches after it.
  return rows.length === take ? { users: found.map(stored), next: rows.at(-1)!.nameKey } : { users: found.map(stored) };
}

/**
 * One page of the owner's records. Pages follow the record id, which never changes, so every
 * record that exists from the first page to the last is listed exactly once and one created
 * meanwhile comes on a later page; inside a page the records are most recent first.
 */
export async function chatsPage(
  store: Pick<Store, 'listChats'>,
  owner: number,
  request: ChatsRequest,
): Promise<{ chats: Chat[]; next?: string }> {
  const limit = request.limit ?? limits.listMaxLimit;
  const rows = await store.listChats(owner, request.after === undefined ? 0 : Number(request.after), limit + 1);
  const chats = rows.slice(0, limit);
  const page = { chats: [...chats].sort(byRecency) };
  return rows.length > limit ? { ...page, next: String(chats.at(-1)!.id) } : page;
}

function stored({ id, name, avatar }: ListedUser): StoredUser & { avatar?: string } {
  return avatar === undefined ? { id, name } : { id, name, avatar };
}
