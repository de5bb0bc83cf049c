// Server, SQLite store: the owner's marks on a record and read receipts (docs/protocol.md 6.12).
// Each function runs inside the caller's transaction (SqliteStore's GroupCommit).
import type Database from 'better-sqlite3';
import type { Chat } from '../../../protocol/contract.js';
import type { AppendedRow } from '../sql/rows.js';
import { markSeenValues, recordChangeStatement, type RecordChange } from '../sql/record-state.js';

type Statement = Pick<Database.Statement, 'run' | 'get' | 'all'>;
type Statements = Record<
  'setPinned' | 'setMuted' | 'markUnread' | 'markSeen' | 'setReadReceipts' | 'forgetOwnReceipts' | 'forgetPeerReceipts',
  Statement
>;

export class SqliteRecordState {
  constructor(
    private readonly q: Statements,
    private readonly chat: (owner: number, peer: number) => Chat | null,
  ) {}

  change(owner: number, peer: number, change: RecordChange): { chat: Chat; changed: boolean } | null {
    const before = this.chat(owner, peer);
    if (!before) return null;
    const { name, values } = recordChangeStatement(owner, peer, change);
    this.q[name].run(...values);
    const chat = this.chat(owner, peer)!;
    return { chat, changed: JSON.stringify(chat) !== JSON.stringify(before) };
  }

  /** `reader` has read all `writer` sent them: `writer`'s record as `seen`, when its peerReadId moved. */
  seen(reader: number, writer: number): { seen?: Chat } {
    const moved = this.q.markSeen.get(...markSeenValues(reader, writer));
    const seen = moved ? this.chat(writer, reader) : null;
    return seen ? { seen } : {};
  }

  /**
   * In a send, after both records were appended to (the sender's append cleared its unread count
   * and mark, and the receiver's learnt what the sender has read): a receiver viewing the pair
   * has read the new message.
   */
  afterSend(from: number, to: number, rows: { sender: AppendedRow; receiver: AppendedRow }, viewing: boolean): void {
    if (!viewing) return;
    const toReceiver = this.q.markSeen.get(...markSeenValues(to, from)) as { peer_read_id: number } | undefined;
    if (toReceiver) rows.sender.peer_read_id = toReceiver.peer_read_id;
  }

  setReadReceipts(userId: number, on: boolean): boolean {
    if (this.q.setReadReceipts.run(on ? 1 : 0, userId).changes === 0) return false;
    if (!on) {
      this.q.forgetOwnReceipts.run(userId);
      this.q.forgetPeerReceipts.run(userId);
    }
    return true;
  }
}
