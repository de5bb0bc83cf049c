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
  /** A history page stops before its contents (as JSON strings, UTF-8) pass this. */
  historyMaxContentBytes: 1024 * 1024,
  /** Requests of one socket queued or running; one more is answered rate_limited. */
  maxPendingRequestsPerSocket: 32,
  /** The retryAfterMs hint of a request refused because its socket's queue is full. */
  fullQueueRetryAfterMs: 1000,
  /** Over this much unsent output, the server takes no request from the socket. */
  maxUnsentOutputBytes: 4 * 1024 * 1024,
  /** A socket over maxUnsentOutputBytes this long is disconnected. */
  stalledOutputGraceMs: 30_000,
  /** At most one typing event per sender and receiver is relayed in this long. */
  typingIntervalMs: 2000,
  /** A connection that has not completed a Socket.IO CONNECT with a valid token by then is closed. */
  handshakeTimeoutMs: 10_000,
  /** Connected sockets of one user (on one server node); one more is refused too_many_sockets. */
  maxSocketsPerUser: 20,
  /** Login's `device` label, in code points. */
  deviceMaxCodePoints: 64,
  /** Sessions one user keeps; a new login ends the least recently used beyond this. */
  maxSessionsPerUser: 100,
  /** Renames one user may make in an hour (each one is announced to every peer). */
  renamesPerHour: 10,
  /** Attachments one message may carry. */
  attachmentsMax: 10,
  /** `--max-upload-mb` when not given. */
  defaultMaxUploadMb: 100,
  /** A file's name (X-File-Name, decoded), in code points. */
  fileNameMaxCodePoints: 255,
  /** Largest avatar image PUT /api/me/avatar accepts, in bytes. */
  maxAvatarBytes: 2 * 1024 * 1024,
  /** An upload not attached to a message this long after it finished is removed. */
  unattachedUploadTtlMs: 24 * 60 * 60 * 1000,
  /** How long a signed file URL (POST /api/files/<id>/link) reads the file. */
  fileLinkTtlMs: 5 * 60 * 1000,
  /** `--recall-window` when not given (0 disables recall). */
  defaultRecallWindowMs: 2 * 60 * 1000,
  /** `--edit-window` when not given (0 disables edit). */
  defaultEditWindowMs: 15 * 60 * 1000,
  /** After a recall its sender may take the recalled text back into the composer this long (client side). */
  recallReeditMs: 5 * 60 * 1000,
  /** A reply's quote keeps this many code points of the quoted text. */
  quoteExcerptCodePoints: 100,
  /** messages:search's `q`, in code points; shorter than 3 is searched by a bounded scan. */
  searchQueryMaxCodePoints: 100,
  /** messages:search: most hits in one page. */
  searchMaxLimit: 50,
  /** messages:search: hits in a page when the request gives no `limit`. */
  searchDefaultLimit: 20,
} as const;

/** The limits GET /api/server-info tells a client (docs/protocol.md §5). */
export const statedLimits = {
  nameMaxCodePoints: limits.nameMaxCodePoints,
  passwordMinCodePoints: limits.passwordMinCodePoints,
  passwordMaxCodePoints: limits.passwordMaxCodePoints,
  contentMaxCodePoints: limits.contentMaxCodePoints,
} as const;
