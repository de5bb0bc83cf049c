// Small builders for renderer tests: chats, messages and users as the core sends them.
import {
  defaultSettings,
  type About,
  type Chat,
  type ChatMessage,
  type Snapshot,
  type User,
} from '../../main/ipc/contract.js';
import type { Message } from '../../protocol/contract.js';

export const me = { id: 1, name: 'alice' };
export const account = { serverUrl: 'http://127.0.0.1:4860', user: me };
export const about: About = {
  version: '1.2.3',
  logFile: '/home/alice/.config/messenger/profiles/default/logs/messenger.log',
  sessionKept: 'encrypted',
};

/** What the core answers `snapshot` with before anyone signs in. */
export const signedOut: Snapshot = {
  account: null,
  defaultServerUrl: 'http://127.0.0.1:4860',
  connection: 'signed-out',
  chats: [],
  unreadTotal: 0,
  settings: defaultSettings,
  about,
  outboxRecovery: null,
};

export function chat(who: number, name: string, fields: Partial<Chat> = {}): Chat {
  return { id: who * 10, user: me.id, who, name, unread: 0, updatedAt: 1_000 + who, lastSeq: 0, last: null, ...fields };
}

/** A stored copy, as a chat record's `last` holds it. */
export function copy(seq: number, fields: Partial<Message> = {}): Message {
  return {
    clientId: `c${seq}`,
    id: seq,
    seq,
    user: 2,
    name: 'bob',
    date: 1_700_000_000_000 + seq * 1000,
    content: `message ${seq}`,
    ...fields,
  };
}

export function sent(seq: number, fields: Partial<ChatMessage> = {}): ChatMessage {
  return { ...copy(seq), state: 'sent', ...fields };
}

export function unsent(clientId: string, date: number, fields: Partial<ChatMessage> = {}): ChatMessage {
  return {
    clientId,
    id: null,
    seq: null,
    user: me.id,
    name: me.name,
    date,
    content: clientId,
    state: 'sending',
    ...fields,
  };
}

export function user(id: number, name: string, online = false): User {
  return { id, name, online };
}
