// Browser runtime, but pure. Everyone on the server (the buddy list) and who is online.
import type { User } from '../../main/ipc/contract.js';

export interface ContactsState {
  users: User[];
  /** Presence by user id; events may arrive before the list does. */
  online: Record<number, boolean>;
  loaded: boolean;
  /** What the user typed into "Search contacts". */
  query: string;
  /** Users whose account was deleted this session: shown as "Deleted user". */
  deleted: Record<number, true>;
}

export const initialContacts: ContactsState = { users: [], online: {}, loaded: false, query: '', deleted: {} };

export function withUsers(contacts: ContactsState, users: User[]): ContactsState {
  const online: Record<number, boolean> = { ...contacts.online };
  for (const user of users) online[user.id] = user.online;
  return { ...contacts, users, online, loaded: true };
}

export function withPresence(contacts: ContactsState, id: number, online: boolean): ContactsState {
  if (contacts.online[id] === online) return contacts;
  return { ...contacts, online: { ...contacts.online, [id]: online } };
}
