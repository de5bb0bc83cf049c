// The renderer's side of acting on one message and on one chat (issue 15): reply, recall, edit,
// delete for me, forward; pin, mute, mark unread; drafts; search. The core applies the server's
// action copies (recall, edit, hide) to the messages they are about, so the renderer only ever
// sees messages, changed in place.
import type { SearchHit } from '../../protocol/contract.js';

export type { Quote, SearchHit } from '../../protocol/contract.js';

/** One message of the chat with `who`, by its server `id`. */
export interface MessageInput {
  who: number;
  id: number;
}
export interface EditInput extends MessageInput {
  content: string;
}
export interface ForwardInput {
  /** The chat the message is in, and the message. */
  from: number;
  id: number;
  /** The peer it goes to. */
  to: number;
}
export interface PinInput {
  who: number;
  pinned: boolean;
}
export interface MuteInput {
  who: number;
  muted: boolean;
}
/** The unsent text of the chat with `who` ('' removes the draft). */
export interface DraftInput {
  who: number;
  text: string;
}
export interface SearchInput {
  q: string;
  /** Only the chat with this peer (Ctrl+F inside a chat). */
  who?: number;
}
export interface SearchResults {
  hits: SearchHit[];
  /** The server could not be asked: these come from this computer's cache. */
  fromCache: boolean;
}
/** The copies around `seq` of the chat with `who`: to jump to a quote or a search hit. */
export interface AroundInput {
  who: number;
  seq: number;
}

/** Requests about single messages and chats (part of MessengerRequests). */
export interface MessageRequests {
  /** Takes the user's own message back for both (within the server's recall window). */
  recall(input: MessageInput): Promise<void>;
  /** Changes the text of the user's own message (within the server's edit window). */
  editMessage(input: EditInput): Promise<void>;
  /** Deletes the message from this user's record only. */
  hideMessage(input: MessageInput): Promise<void>;
  forward(input: ForwardInput): Promise<void>;
  pinChat(input: PinInput): Promise<void>;
  muteChat(input: MuteInput): Promise<void>;
  markUnread(input: { who: number }): Promise<void>;
  /** Kept in the profile: the composer shows it again after a restart. */
  saveDraft(input: DraftInput): Promise<void>;
  searchMessages(input: SearchInput): Promise<SearchResults>;
  /** Loads and announces (a `messages` event) the copies around `seq`; resolves once they are in. */
  loadAround(input: AroundInput): Promise<void>;
}

export const messageRequestNames = [
  'recall',
  'editMessage',
  'hideMessage',
  'forward',
  'pinChat',
  'muteChat',
  'markUnread',
  'saveDraft',
  'searchMessages',
  'loadAround',
] as const satisfies readonly (keyof MessageRequests)[];
