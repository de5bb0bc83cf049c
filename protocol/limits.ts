export const limits = {
  nameMaxCodePoints: 32,
  passwordMinCodePoints: 8,
  passwordMaxCodePoints: 256,
  contentMaxCodePoints: 4000,
  clientIdPattern: /^[A-Za-z0-9_-]{1,64}$/,
  historyDefaultLimit: 50,
  historyMaxLimit: 200,
  /** users:list and chats:list: the most (and, without `limit`, the default) entries in one page. */
  listMaxLimit: 500,
  /** users:list's `query`, in code points. */
  userQueryMaxCodePoints: 32,
  /** A page's `after` cursor, in UTF-16 units (a name key is at most a few hundred). */
  cursorMaxLength: 1024,
  /** Most ids one `presence:watch` may name. */
  presenceWatchMaxIds: 1000,
  /** Socket.IO packets past this close the socket. */
  maxPacketBytes: 64 * 1024,
  /** HTTP bodies past this are answered 413. */
  maxHttpBodyBytes: 16 * 1024,
} as const;
