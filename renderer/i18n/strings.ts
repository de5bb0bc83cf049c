// Browser runtime, but pure. Every word the user reads, in English and 中文. The English
// table fixes the keys; the Chinese one must have exactly the same (checked by tsc and a test).
import { limits } from '../../main/ipc/rules.js';
import { a11yEn, a11yZh } from './a11y-strings.js';
import { accountEn, accountZh } from './account-strings.js';
import { adminEn, adminZh } from './admin-strings.js';
import { desktopEn, desktopZh } from './desktop-strings.js';
import { filesEn, filesZh } from './file-strings.js';
import { messageActionsEn, messageActionsZh } from './message-action-strings.js';
import { polishEn, polishZh } from './polish-strings.js';

export const en = {
  ...a11yEn,
  appName: 'Messenger',
  windowTitleUnread: 'Messenger ({n})',
  loading: 'Loading…',
  startFailed: 'Messenger could not start.',
  tryAgain: 'Try again',

  // Sign-in
  signInHeading: 'Sign in to Messenger',
  signInIntro: 'Use an existing account, or create one on this server.',
  serverLabel: 'Server',
  nameLabel: 'Name',
  passwordLabel: 'Password',
  signIn: 'Sign in',
  createAccount: 'Create account',
  signingIn: 'Signing in…',
  fillAllFields: 'Fill in the server, your name and a password.',
  allowUnencrypted: 'Allow unencrypted connection',
  allowUnencryptedHint:
    'This server is on another computer and its address starts with http://, not https://. Your password and your messages would cross the network unencrypted: anyone on the way (the Wi-Fi, the building, the provider) could read or change them. Tick this only for a server on a network you trust.',
  serverNeedsHttps: 'Use an https:// address for a server on another computer, or tick “Allow unencrypted connection”.',

  // Errors, by code
  errorConflict: 'That name is taken',
  errorForbidden:
    'This server does not allow that. To create an account here, ask its administrator for an invite code.',
  errorUnauthorized: 'Wrong name or password',
  errorOffline: 'Cannot reach the server',
  errorBadRequest:
    'Check the server address (like http://127.0.0.1:4860), the name (1 to {nameMax} characters) and the password ({passwordMin} to {passwordMax} characters).',
  errorRateLimited: 'Too many attempts. Wait a moment and try again.',
  errorBusy: 'The server is busy checking other sign-ins. Try again in a few seconds.',
  errorNotFound: 'That person or chat no longer exists.',
  errorTooLarge: 'The message is too long.',
  errorSignedOut: 'You are signed out.',
  errorConnectionDropped: 'The connection dropped each time it was sent.',

  // A damaged outbox
  outboxLostHeading: 'Some unsent messages could not be recovered',
  outboxLostSome:
    'The list of messages waiting to be sent was damaged. Not recovered: {lost}. Recovered and being sent: {kept}.',
  outboxLostUnreadable:
    'The list of messages waiting to be sent was damaged and could not be read. Messages you sent just before the app closed may not have been delivered: check your recent chats.',
  outboxLostTo: 'To {name}:',
  outboxLostToUnknown: 'To someone:',
  outboxLostNoText: '(the text could not be read)',
  dismiss: 'Dismiss',
  errorInternal: 'Something went wrong. Please try again.',

  // Navigation
  navLabel: 'Main',
  navChats: 'Chats',
  navContacts: 'Contacts',
  navSettings: 'Settings',
  myAvatar: 'You are signed in as {name}',

  // Chat list
  chatsList: 'Chats',
  unreadCount: '{n} unread',
  chatActions: 'Actions for the chat with {name}',
  markAsRead: 'Mark as read',
  deleteChat: 'Delete chat',
  deleteHeading: 'Delete the chat with {name}?',
  deleteBody: 'This deletes only your copy of the chat. {name} keeps theirs.',
  delete: 'Delete',
  cancel: 'Cancel',
  deleting: 'Deleting…',

  // Time
  yesterday: 'Yesterday',
  weekday0: 'Sunday',
  weekday1: 'Monday',
  weekday2: 'Tuesday',
  weekday3: 'Wednesday',
  weekday4: 'Thursday',
  weekday5: 'Friday',
  weekday6: 'Saturday',

  // Contacts
  contactsList: 'Contacts',
  searchContacts: 'Search contacts',
  online: 'online',
  offline: 'offline',
  noContactsMatch: 'No one matches “{query}”.',
  contactsUnavailable: 'Contacts appear when you are online.',

  // Chat window
  messagesLog: 'Messages',
  typing: 'typing…',
  loadingOlder: 'Loading earlier messages…',
  chatStart: 'This is the beginning of your chat with {name}.',
  newMessages: 'New messages',
  you: 'You',
  sending: 'Sending…',
  notSent: 'Not sent: {reason}',
  retry: 'Retry',
  discard: 'Discard',
  closeChat: 'Close chat',

  // Composer
  messageLabel: 'Message',
  send: 'Send',
  composerHint: 'Enter to send, Shift+Enter for a new line',
  charactersLeft: '{n} characters left',
  charactersOver: '{n} characters over the {maxLength}-character limit',
  composerSignedOut: 'Sign in to send messages.',
  composerUnauthorized: 'Your session has ended. Sign in again to send messages.',

  // Connection
  bannerOffline: 'Offline — showing saved messages',
  bannerReconnecting: 'Reconnecting…',
  bannerUnauthorized: 'Your session has ended. Sign in again to keep chatting.',
  signInAgain: 'Sign in again',

  // Palette
  paletteTitle: 'Jump to chat',
  paletteInput: 'Chat name',
  paletteResults: 'Matching chats',
  paletteEmpty: 'No chat or contact matches.',
  paletteHint: '↑ ↓ to choose, Enter to open, Esc to close',

  // Settings
  settingsHeading: 'Settings',
  signedInAs: 'Signed in as {name} on {server}',
  theme: 'Theme',
  themeLight: 'Light',
  themeDark: 'Dark',
  themeSystem: 'Same as the system',
  language: 'Language',
  hideContent: 'Hide message content in notifications',
  closeToTray: 'Close to tray',
  signOut: 'Sign out',
  signOutAsk: 'Sign out…',
  signOutHeading: 'Sign out of {name}?',
  signOutBody: 'You can sign in again with your name and password.',
  signOutRemoveCache: "Remove this account's messages from this computer",
  signOutRemoveCacheHint:
    'Deletes the chats, messages and unsent messages kept here for this account. Messages on the server stay, and load again when you sign in.',
  shortcutsHeading: 'Keyboard shortcuts',
  shortcutJump: 'Ctrl+K (⌘K): jump to a chat by name',
  shortcutNext: 'Alt+↑ / Alt+↓: previous / next chat',
  shortcutUnread: 'Alt+Shift+↑ / Alt+Shift+↓: previous / next unread chat',
  shortcutClose: 'Esc: close the chat',
  shortcutMenu: 'Shift+F10 or the Menu key on a chat: its actions',
  aboutHeading: 'About',
  aboutVersion: 'Version {version}',
  aboutLogFile: 'Log file',
  aboutLogHolds: 'What went wrong, for a bug report: no message content, passwords or session keys.',
  aboutSession: 'Sign-in',
  aboutSessionEncrypted: "Kept encrypted with your system's keyring.",
  aboutSessionPlain:
    'Kept as plain text in a file only your user account can read: this system offers no keyring to encrypt it with. Anyone who can read your files (an administrator, a backup) can use it to sign in as you until you sign out.',
  ...accountEn,
  ...adminEn,
  ...filesEn,
  ...messageActionsEn,
  ...desktopEn,
  ...polishEn,
};

export type TextKey = keyof typeof en;
export type TextTable = Record<TextKey, string>;

export const zh: TextTable = {
  ...a11yZh,
  appName: 'Messenger',
  windowTitleUnread: 'Messenger ({n})',
  loading: '正在加载…',
  startFailed: 'Messenger 无法启动。',
  tryAgain: '再试一次',

  signInHeading: '登录 Messenger',
  signInIntro: '使用已有账号登录，或在此服务器上创建新账号。',
  serverLabel: '服务器',
  nameLabel: '用户名',
  passwordLabel: '密码',
  signIn: '登录',
  createAccount: '创建账号',
  signingIn: '正在登录…',
  fillAllFields: '请填写服务器、用户名和密码。',
  allowUnencrypted: '允许未加密的连接',
  allowUnencryptedHint:
    '该服务器在另一台电脑上，地址以 http:// 而不是 https:// 开头。你的密码和消息将以未加密的方式在网络上传输：途经的任何人（无线网络、所在楼宇、网络服务商）都能读取或篡改。只有在你信任的网络上才勾选此项。',
  serverNeedsHttps: '另一台电脑上的服务器请使用 https:// 地址，或勾选“允许未加密的连接”。',

  errorConflict: '该用户名已被占用',
  errorForbidden: '此服务器不允许该操作。如需在此注册，请向管理员索取邀请码。',
  errorUnauthorized: '用户名或密码错误',
  errorOffline: '无法连接服务器',
  errorBadRequest:
    '请检查服务器地址（如 http://127.0.0.1:4860）、用户名（1 到 {nameMax} 个字符）和密码（{passwordMin} 到 {passwordMax} 个字符）。',
  errorRateLimited: '尝试次数过多，请稍后再试。',
  errorBusy: '服务器正忙于处理其他登录，请几秒后再试。',
  errorNotFound: '该联系人或聊天已不存在。',
  errorTooLarge: '消息过长。',
  errorSignedOut: '你已退出登录。',
  errorConnectionDropped: '每次发送时连接都断开了。',

  outboxLostHeading: '部分未发送的消息无法恢复',
  outboxLostSome: '待发送消息列表已损坏。未能恢复：{lost} 条。已恢复并正在发送：{kept} 条。',
  outboxLostUnreadable: '待发送消息列表已损坏，无法读取。应用关闭前刚发送的消息可能未送达，请检查最近的聊天。',
  outboxLostTo: '发给 {name}：',
  outboxLostToUnknown: '发给某人：',
  outboxLostNoText: '（无法读取内容）',
  dismiss: '关闭',
  errorInternal: '出了点问题，请重试。',

  navLabel: '主导航',
  navChats: '聊天',
  navContacts: '通讯录',
  navSettings: '设置',
  myAvatar: '当前登录：{name}',

  chatsList: '聊天',
  unreadCount: '{n} 条未读',
  chatActions: '与 {name} 的聊天的操作',
  markAsRead: '标为已读',
  deleteChat: '删除聊天',
  deleteHeading: '删除与 {name} 的聊天？',
  deleteBody: '只会删除你这边的聊天记录，{name} 的记录仍会保留。',
  delete: '删除',
  cancel: '取消',
  deleting: '正在删除…',

  yesterday: '昨天',
  weekday0: '星期日',
  weekday1: '星期一',
  weekday2: '星期二',
  weekday3: '星期三',
  weekday4: '星期四',
  weekday5: '星期五',
  weekday6: '星期六',

  contactsList: '通讯录',
  searchContacts: '搜索联系人',
  online: '在线',
  offline: '离线',
  noContactsMatch: '没有匹配“{query}”的联系人。',
  contactsUnavailable: '联网后即可查看通讯录。',

  messagesLog: '消息',
  typing: '对方正在输入…',
  loadingOlder: '正在加载更早的消息…',
  chatStart: '这是你与 {name} 的聊天的开始。',
  newMessages: '新消息',
  you: '我',
  sending: '发送中…',
  notSent: '未发送：{reason}',
  retry: '重试',
  discard: '放弃',
  closeChat: '关闭聊天',

  messageLabel: '消息',
  send: '发送',
  composerHint: '按 Enter 发送，Shift+Enter 换行',
  charactersLeft: '还可输入 {n} 个字符',
  charactersOver: '超出 {maxLength} 字符上限 {n} 个字符',
  composerSignedOut: '登录后才能发送消息。',
  composerUnauthorized: '登录已失效，请重新登录后发送消息。',

  bannerOffline: '离线 — 显示已保存的消息',
  bannerReconnecting: '正在重新连接…',
  bannerUnauthorized: '登录已失效，请重新登录以继续聊天。',
  signInAgain: '重新登录',

  paletteTitle: '跳转到聊天',
  paletteInput: '聊天名称',
  paletteResults: '匹配的聊天',
  paletteEmpty: '没有匹配的聊天或联系人。',
  paletteHint: '↑ ↓ 选择，Enter 打开，Esc 关闭',

  settingsHeading: '设置',
  signedInAs: '已在 {server} 上以 {name} 登录',
  theme: '主题',
  themeLight: '浅色',
  themeDark: '深色',
  themeSystem: '跟随系统',
  language: '语言',
  hideContent: '通知中不显示消息内容',
  closeToTray: '关闭时最小化到托盘',
  signOut: '退出登录',
  signOutAsk: '退出登录…',
  signOutHeading: '退出 {name} 的登录？',
  signOutBody: '你可以用用户名和密码再次登录。',
  signOutRemoveCache: '从这台电脑上删除该账号的消息',
  signOutRemoveCacheHint:
    '删除这台电脑上为该账号保存的聊天、消息和未发送的消息。服务器上的消息仍会保留，再次登录时会重新载入。',
  shortcutsHeading: '键盘快捷键',
  shortcutJump: 'Ctrl+K（⌘K）：按名称跳转到聊天',
  shortcutNext: 'Alt+↑ / Alt+↓：上一个 / 下一个聊天',
  shortcutUnread: 'Alt+Shift+↑ / Alt+Shift+↓：上一个 / 下一个未读聊天',
  shortcutClose: 'Esc：关闭聊天',
  shortcutMenu: '在聊天上按 Shift+F10 或菜单键：聊天操作',
  aboutHeading: '关于',
  aboutVersion: '版本 {version}',
  aboutLogFile: '日志文件',
  aboutLogHolds: '记录出错的情况，便于报告问题；不含消息内容、密码或会话密钥。',
  aboutSession: '登录信息',
  aboutSessionEncrypted: '已使用系统密钥环加密保存。',
  aboutSessionPlain:
    '以明文保存在只有你的用户账号能读取的文件中：本系统没有可用于加密的密钥环。能读取你文件的人（管理员、备份）在你退出登录前都可以用它以你的身份登录。',
  ...accountZh,
  ...adminZh,
  ...filesZh,
  ...messageActionsZh,
  ...desktopZh,
  ...polishZh,
};

export type Language = 'en' | 'zh';

export const tables: Record<Language, TextTable> = { en, zh };

export type TextParams = Record<string, string | number>;

/** The protocol's limits, as the sentences that state them name them: the server decides them. */
const limitParams: TextParams = {
  maxLength: limits.contentMaxCodePoints,
  nameMax: limits.nameMaxCodePoints,
  passwordMin: limits.passwordMinCodePoints,
  passwordMax: limits.passwordMaxCodePoints,
  attachmentsMax: limits.attachmentsMax,
};

/**
 * Text a person wrote (a name, a server address), set apart from the sentence around it: an
 * FSI…PDI pair, so right-to-left text or a direction override inside it cannot reorder the words
 * around it (Unicode bidi isolates; renderer/common/UserText.tsx does the same for elements).
 */
export function isolated(userText: string): string {
  return `\u2068${userText}\u2069`;
}

/** The placeholders that stand for text people wrote: names, addresses, drafts, searches. */
const userTextParams = new Set(['name', 'server', 'text', 'query', 'path']);

/** The sentence for `key` in `language`, with `{name}` placeholders filled in (user text isolated). */
export function text(language: Language, key: TextKey, params?: TextParams): string {
  return tables[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params?.[name] ?? limitParams[name];
    if (value === undefined) return whole;
    return userTextParams.has(name) ? isolated(String(value)) : String(value);
  });
}

/** A translator bound to one language. */
export type Translate = (key: TextKey, params?: TextParams) => string;

export function translator(language: Language): Translate {
  return (key, params) => text(language, key, params);
}
