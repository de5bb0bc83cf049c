// Browser runtime, but pure. The words of acting on messages and chats (issue 15): the message
// menu, replies, recall, edit, read ticks, pin/mute, drafts and search, in English and 中文;
// spread into strings.ts's tables.

export const messageActionsEn = {
  // The message menu
  messageActions: 'Message actions',
  messageMore: 'More actions',
  actionReply: 'Reply',
  actionCopy: 'Copy',
  actionForward: 'Forward…',
  actionEdit: 'Edit',
  actionRecall: 'Recall',
  actionHide: 'Delete for me',

  // Reply and edit bars above the composer
  replyingTo: 'Reply to {name}',
  cancelReply: 'Cancel reply',
  editingMessage: 'Editing message',
  cancelEdit: 'Cancel editing',
  saveEdit: 'Save',
  quoteOf: 'Quote of {name}: {text}',
  quoteRecalled: 'The quoted message was recalled',

  // Forward
  forwardHeading: 'Forward to…',
  forwardTo: 'Forward to {name}',
  forwardedMark: 'Forwarded',

  // Recall, edit, read
  youRecalled: 'You recalled a message',
  peerRecalled: '{name} recalled a message',
  reEdit: 'Re-edit',
  editedMark: 'edited',
  stateSending: 'Sending',
  stateSent: 'Sent',
  stateRead: 'Read',
  readReceipts: 'Send read receipts',
  readReceiptsHint:
    'When this is off, others do not see when you read their messages, and you do not see theirs either.',

  // The chat list
  pinChat: 'Pin',
  unpinChat: 'Unpin',
  muteChat: 'Mute',
  unmuteChat: 'Unmute',
  markAsUnread: 'Mark as unread',
  pinnedMark: 'Pinned',
  mutedMark: 'Muted',
  markedUnread: 'Marked unread',
  draftMark: '[Draft]',

  // Search
  searchLabel: 'Search',
  searchInChat: 'Search in this chat',
  searchGroupContacts: 'Contacts',
  searchGroupMessages: 'Messages',
  searchFromCache: 'Results from this computer',
  searchFailed: 'Search failed. Try again.',
  closeSearch: 'Close search',
  shortcutSearch: 'Ctrl+F (⌘F): search the open chat · Shift+F10 or the Menu key on a message: its actions',
};

export const messageActionsZh: Record<keyof typeof messageActionsEn, string> = {
  messageActions: '消息操作',
  messageMore: '更多操作',
  actionReply: '引用',
  actionCopy: '复制',
  actionForward: '转发…',
  actionEdit: '编辑',
  actionRecall: '撤回',
  actionHide: '删除',

  replyingTo: '回复 {name}',
  cancelReply: '取消引用',
  editingMessage: '正在编辑消息',
  cancelEdit: '取消编辑',
  saveEdit: '保存',
  quoteOf: '引用 {name}：{text}',
  quoteRecalled: '引用的消息已撤回',

  forwardHeading: '转发给…',
  forwardTo: '转发给 {name}',
  forwardedMark: '转发',

  youRecalled: '你撤回了一条消息',
  peerRecalled: '{name} 撤回了一条消息',
  reEdit: '重新编辑',
  editedMark: '已编辑',
  stateSending: '发送中',
  stateSent: '已发送',
  stateRead: '已读',
  readReceipts: '发送已读回执',
  readReceiptsHint: '关闭后，对方看不到你是否已读，你也看不到对方是否已读。',

  pinChat: '置顶',
  unpinChat: '取消置顶',
  muteChat: '消息免打扰',
  unmuteChat: '开启新消息提醒',
  markAsUnread: '标为未读',
  pinnedMark: '已置顶',
  mutedMark: '免打扰',
  markedUnread: '标为未读',
  draftMark: '[草稿]',

  searchLabel: '搜索',
  searchInChat: '搜索此聊天',
  searchGroupContacts: '联系人',
  searchGroupMessages: '聊天记录',
  searchFromCache: '来自本机的结果',
  searchFailed: '搜索失败，请重试。',
  closeSearch: '关闭搜索',
  shortcutSearch: 'Ctrl+F（⌘F）：搜索当前聊天 · 在消息上按 Shift+F10 或菜单键：消息操作',
};
