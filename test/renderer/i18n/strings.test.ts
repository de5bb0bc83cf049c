// One table of words in two languages: the same keys and the same placeholders in both.
import { describe, expect, it } from 'vitest';
import { en, isolated, tables, text, zh } from '../../../renderer/i18n/strings.js';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the i18n table', () => {
  it('has the same keys in English and Chinese', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('has no empty sentence', () => {
    for (const table of Object.values(tables))
      for (const [key, value] of Object.entries(table)) expect(value.trim(), key).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>)
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
  });

  it('fills placeholders and leaves unknown ones alone', () => {
    expect(text('en', 'unreadCount', { n: 3 })).toBe('3 unread');
    expect(text('zh', 'unreadCount', { n: 3 })).toBe('3 条未读');
    expect(text('en', 'deleteBody', {})).toContain('{name}');
  });

  it('keeps the names end-to-end tests rely on', () => {
    expect(en).toMatchObject({
      serverLabel: 'Server',
      nameLabel: 'Name',
      passwordLabel: 'Password',
      signIn: 'Sign in',
      createAccount: 'Create account',
      navLabel: 'Main',
      navChats: 'Chats',
      navContacts: 'Contacts',
      navSettings: 'Settings',
      markAsRead: 'Mark as read',
      deleteChat: 'Delete chat',
      delete: 'Delete',
      cancel: 'Cancel',
      searchContacts: 'Search contacts',
      messagesLog: 'Messages',
      typing: 'typing…',
      retry: 'Retry',
      discard: 'Discard',
      newMessages: 'New messages',
      messageLabel: 'Message',
      send: 'Send',
      paletteTitle: 'Jump to chat',
      paletteInput: 'Chat name',
      theme: 'Theme',
      language: 'Language',
      hideContent: 'Hide message content in notifications',
      closeToTray: 'Close to tray',
      signOut: 'Sign out',
      errorConflict: 'That name is taken',
      errorUnauthorized: 'Wrong name or password',
      errorOffline: 'Cannot reach the server',
      bannerOffline: 'Offline — showing saved messages',
      bannerReconnecting: 'Reconnecting…',
    });
  });
});

describe('user text inside sentences', () => {
  it('sets names and other user text apart with FSI…PDI, and leaves numbers as they are', () => {
    const evil = '\u202Eevil';
    expect(text('en', 'deleteHeading', { name: evil })).toBe(`Delete the chat with ${isolated(evil)}?`);
    expect(isolated(evil)).toBe('\u2068\u202Eevil\u2069');
    expect(text('en', 'unreadCount', { n: 3 })).not.toContain('\u2068');
  });
});
