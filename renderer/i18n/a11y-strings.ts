// Browser runtime, but pure. What screen readers hear (issue 18): the announcer's sentences,
// the Chats button's unread count, each message's sender and time; spread into strings.ts.

export const a11yEn = {
  // The polite announcer (renderer/a11y)
  announceNewMessage: 'New message from {name}',
  announceNewMessageText: 'New message from {name}: {text}',
  announceNewMessages: '{n} new messages from {name}',
  announceOpenMessage: '{name}: {text}',
  announceTyping: '{name} is typing…',
  // The sidebar's Chats button while something is unread
  navChatsUnread: 'Chats, {n} unread',
  // Read before each message's text
  messageHead: '{name}, {time}:',
};

export const a11yZh: typeof a11yEn = {
  announceNewMessage: '来自 {name} 的新消息',
  announceNewMessageText: '来自 {name} 的新消息：{text}',
  announceNewMessages: '来自 {name} 的 {n} 条新消息',
  announceOpenMessage: '{name}：{text}',
  announceTyping: '{name} 正在输入…',
  navChatsUnread: '聊天，{n} 条未读',
  messageHead: '{name}，{time}：',
};
