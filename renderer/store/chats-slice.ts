// Browser runtime, but pure. The signed-in user's chat records, as the core lists them.
import type { Chat } from '../../main/ipc/contract.js';

export interface ChatsState {
  list: Chat[];
}

export const initialChats: ChatsState = { list: [] };

/** Read locally at once; the core's `chats` event confirms it a moment later. */
export function withChatRead(chats: ChatsState, who: number): ChatsState {
  if (!chats.list.some((chat) => chat.who === who && chat.unread > 0)) return chats;
  return { list: chats.list.map((chat) => (chat.who === who ? { ...chat, unread: 0 } : chat)) };
}

export function withoutChat(chats: ChatsState, who: number): ChatsState {
  return { list: chats.list.filter((chat) => chat.who !== who) };
}
