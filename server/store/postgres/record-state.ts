// Server, PostgreSQL store: the owner's marks on a record and read receipts (docs/protocol.md
// 6.12), each on the caller's connection so it joins the caller's transaction.
import type pg from 'pg';
import type { Chat } from '../../../protocol/contract.js';
import type { AppendedRow } from '../sql/rows.js';
import { markSeenValues, recordChangeStatement, type RecordChange } from '../sql/record-state.js';
import type { Connections } from './connections.js';
import { statement } from './statements.js';

type ReadChat = (c: pg.PoolClient, owner: number, peer: number) => Promise<Chat | null>;

export class PostgresRecordState {
  constructor(
    private readonly db: Connections,
    private readonly chat: ReadChat,
  ) {}

  change(owner: number, peer: number, change: RecordChange): Promise<{ chat: Chat; changed: boolean } | null> {
    return this.db.transaction(async (c) => {
      const before = await this.chat(c, owner, peer);
      if (!before) return null;
      const { name, values } = recordChangeStatement(owner, peer, change);
      await c.query(statement(name, values));
      const chat = (await this.chat(c, owner, peer))!;
      return { chat, changed: JSON.stringify(chat) !== JSON.stringify(before) };
    });
  }

  /**
   * `reader` has read all `writer` sent them: `writer`'s record as `seen`, when its peerReadId
   * moved. Its own transaction, after the reader's: holding the reader's record while locking the
   * writer's could deadlock with a send, which locks the lower owner's first.
   */
  seen(reader: number, writer: number): Promise<{ seen?: Chat }> {
    return this.db.run(async (c) => {
      const { rowCount } = await c.query(statement('markSeen', markSeenValues(reader, writer)));
      const seen = rowCount === 1 ? await this.chat(c, writer, reader) : null;
      return seen ? { seen } : {};
    });
  }

  /**
   * In a send, after both records were appended to (the store's upsert cleared the sender's
   * unread and mark): the receiver's record learns what the sender read, and a receiver viewing
   * the pair has read the new message.
   */
  async afterSend(
    c: pg.PoolClient,
    from: number,
    to: number,
    rows: { sender: AppendedRow; receiver: AppendedRow },
    viewing: boolean,
  ): Promise<void> {
    const read = async (reader: number, writer: number, row: AppendedRow) => {
      const { rows: moved } = await c.query<{ peer_read_id: number }>(
        statement('markSeen', markSeenValues(reader, writer)),
      );
      if (moved[0]) row.peer_read_id = moved[0].peer_read_id;
    };
    await read(from, to, rows.receiver);
    if (viewing) await read(to, from, rows.sender);
  }

  setReadReceipts(userId: number, on: boolean): Promise<boolean> {
    return this.db.transaction(async (c) => {
      if ((await c.query(statement('setReadReceipts', [on ? 1 : 0, userId]))).rowCount !== 1) return false;
      if (!on) await c.query(statement('forgetReceipts', [userId]));
      return true;
    });
  }
}
