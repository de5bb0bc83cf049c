// Browser runtime, but pure. The words of issue 16's chat finish (the outbox mark in the chat
// list, the emoji picker, empty states), in English and 中文; spread into strings.ts's tables.

export const polishEn = {
  // Chat list: the last message is still in the outbox
  outboxSending: 'Sending',
  outboxFailed: 'Not sent',

  // Emoji picker
  emojiButton: 'Emoji',
  emojiPicker: 'Emoji',
  emojiSearch: 'Search emoji',
  emojiNone: 'No emoji match “{query}”.',
  emojiLoading: 'Loading emoji…',

  // Empty states
  emptyChatsTitle: 'No chats yet — pick someone in Contacts to start',
  emptyChatsAction: 'Open Contacts',
  emptyConversation: 'Pick a chat on the left, or start one from Contacts.',
  emptyContacts: 'No one else has an account on this server yet. Invite someone to sign up.',
  emptySearch: 'Nothing matches “{query}”. Try fewer or other words.',
  emptySearchAction: 'Clear the search',
};

export const polishZh: Record<keyof typeof polishEn, string> = {
  outboxSending: '发送中',
  outboxFailed: '未发送',

  emojiButton: '表情',
  emojiPicker: '表情',
  emojiSearch: '搜索表情',
  emojiNone: '没有匹配“{query}”的表情。',
  emojiLoading: '正在加载表情…',

  emptyChatsTitle: '还没有聊天 — 去通讯录选一个人开始聊天',
  emptyChatsAction: '打开通讯录',
  emptyConversation: '在左侧选择一个聊天，或从通讯录开始新的聊天。',
  emptyContacts: '此服务器上还没有其他用户。邀请别人注册吧。',
  emptySearch: '没有匹配“{query}”的结果。试试更少或其他的词。',
  emptySearchAction: '清除搜索',
};
