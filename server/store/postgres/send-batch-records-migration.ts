// Server, PostgreSQL store: migration 12, store_sends (migration 11) with one update per record
// per batch. Migration 11's function ran each send's statements one after another (two record
// updates, the message, its copies, one or two read-receipt moves, two name reads): ten or so
// statements per send, and every record update a new row version with an entry in each of the
// chats indexes (updated_at is indexed, so none of them is a HOT update). Here a batch is two
// statements whatever its size: the same locking upsert as before, then one statement that
// inserts every message and copy and updates each record once, to its state after the batch.
//
// The state each send returns is its records' state just after it, as before, computed with
// window functions over the batch's sends in order, per record:
// - seq: the record's last_seq plus the sends of the batch on it so far (gap-free);
// - unread: sending clears it (docs/protocol.md 6.12), each receiving while not viewing adds one;
// - peer_read_id: moves to the newest message the owner sent the peer whenever the peer reads
//   it (the peer sends to the owner, or receives from the owner while viewing), if both have
//   read receipts on: the owner's latest send of the batch so far, else the newest one stored
//   before the batch in the reader's record (record-state.ts markSeen).
export const sendBatchRecordsMigration = `
  CREATE OR REPLACE FUNCTION store_sends(
    senders BIGINT[], receivers BIGINT[], client_ids TEXT[], contents BYTEA[], dates BIGINT[],
    viewing BOOLEAN[]
  ) RETURNS TABLE (
    sent_id BIGINT, from_name TEXT, to_name TEXT,
    s_id BIGINT, s_unread BIGINT, s_last_seq BIGINT, s_pinned_at BIGINT, s_muted BOOLEAN,
    s_marked_unread BOOLEAN, s_peer_read_id BIGINT,
    r_id BIGINT, r_unread BIGINT, r_last_seq BIGINT, r_pinned_at BIGINT, r_muted BOOLEAN,
    r_marked_unread BOOLEAN, r_peer_read_id BIGINT
  ) LANGUAGE plpgsql AS $$
  #variable_conflict use_column
  BEGIN
    -- Every record of the batch locked (and a missing one created) in (owner, peer) order, the
    -- order single sends and actions lock in, so a batch and anything else cannot deadlock.
    INSERT INTO chats AS c (owner, peer, updated_at)
      SELECT owner, peer, min(date) FROM (
        SELECT b.f AS owner, b.t AS peer, b.d AS date FROM unnest(senders, receivers, dates) AS b(f, t, d)
        UNION ALL
        SELECT b.t, b.f, b.d FROM unnest(senders, receivers, dates) AS b(f, t, d)
      ) AS touched GROUP BY owner, peer ORDER BY owner, peer
      ON CONFLICT (owner, peer) DO UPDATE SET last_seq = c.last_seq;
    -- A new statement: it sees every record as locked, and the messages stored before the batch.
    RETURN QUERY
    WITH batch AS (
      -- The messages' ids, taken in the batch's order (a function scan yields its rows in order).
      SELECT b.*, nextval(pg_get_serial_sequence('messages', 'id')) AS message_id
        FROM unnest(senders, receivers, client_ids, contents, dates, viewing) WITH ORDINALITY AS b(f, t, cid, body, d, v, i)
    ),
    -- Each send once on the sender's record (out) and once on the receiver's.
    sides AS (
      SELECT i, f AS owner, t AS peer, TRUE AS out, 0 AS bump, v, d, message_id, cid, body FROM batch
      UNION ALL
      SELECT i, t, f, FALSE, CASE WHEN v THEN 0 ELSE 1 END, v, d, message_id, NULL, NULL FROM batch
    ),
    -- Joins only to tables (by index) and windows over one stream: no join of two of these
    -- lists, whose sizes the planner cannot know.
    step AS (
      SELECT x.*, c.id, c.unread AS unread_before, c.marked_unread AS marked_before,
        c.peer_read_id AS read_before, c.pinned_at, c.muted, uo.name AS owner_name,
        (uo.read_receipts AND up.read_receipts) AS receipts,
        c.last_seq + row_number() OVER w AS seq,
        sum(x.bump) OVER w AS bumps,
        bool_or(x.out) OVER w AS cleared,
        max(CASE WHEN x.out THEN x.message_id END) OVER w AS latest_out
      FROM sides x JOIN chats c ON c.owner = x.owner AND c.peer = x.peer
      JOIN users uo ON uo.id = x.owner JOIN users up ON up.id = x.peer
      WINDOW w AS (PARTITION BY c.id ORDER BY x.i)
    ),
    sent AS (
      INSERT INTO messages (id, sender, client_id, recipient, date, content, sender_seq, attachments)
        OVERRIDING SYSTEM VALUE
        SELECT message_id, owner, cid, peer, d, body, seq, 0 FROM step WHERE out ORDER BY i
    ),
    state AS (
      SELECT st.i, st.out, st.d, st.id, st.seq, st.message_id, st.pinned_at, st.muted, st.owner_name,
        CASE WHEN st.cleared THEN st.bumps - max(CASE WHEN st.out THEN st.bumps END) OVER w
          ELSE st.unread_before + st.bumps END AS unread,
        CASE WHEN st.cleared THEN FALSE ELSE st.marked_before END AS marked_unread,
        CASE WHEN st.receipts THEN greatest(st.read_before, max(CASE WHEN NOT st.out OR st.v THEN
            coalesce(st.latest_out, (
              -- The newest message the owner sent the peer before the batch, within the peer's record.
              SELECT m.id FROM messages m WHERE m.sender = st.owner AND m.recipient = st.peer
                AND m.id >= (SELECT k.message_id FROM copies k JOIN chats rc ON rc.id = k.chat_id
                  WHERE rc.owner = st.peer AND rc.peer = st.owner ORDER BY k.seq LIMIT 1)
                ORDER BY m.id DESC LIMIT 1))
          END) OVER w) ELSE st.read_before END AS peer_read_id
      FROM step st
      WINDOW w AS (PARTITION BY st.id ORDER BY st.i)
    ),
    stored AS (
      INSERT INTO copies (chat_id, seq, message_id) SELECT id, seq, message_id FROM state
    ),
    updated AS (
      UPDATE chats c SET last_seq = l.seq, updated_at = l.d, unread = l.unread,
          marked_unread = l.marked_unread, peer_read_id = l.peer_read_id
        FROM (SELECT DISTINCT ON (id) * FROM state ORDER BY id, i DESC) AS l
        WHERE c.id = l.id
    )
    SELECT max(message_id), max(owner_name) FILTER (WHERE out), max(owner_name) FILTER (WHERE NOT out),
      max(id) FILTER (WHERE out), max(unread) FILTER (WHERE out), max(seq) FILTER (WHERE out),
      max(pinned_at) FILTER (WHERE out), bool_or(muted) FILTER (WHERE out),
      bool_or(marked_unread) FILTER (WHERE out), max(peer_read_id) FILTER (WHERE out),
      max(id) FILTER (WHERE NOT out), max(unread) FILTER (WHERE NOT out), max(seq) FILTER (WHERE NOT out),
      max(pinned_at) FILTER (WHERE NOT out), bool_or(muted) FILTER (WHERE NOT out),
      bool_or(marked_unread) FILTER (WHERE NOT out), max(peer_read_id) FILTER (WHERE NOT out)
    FROM state GROUP BY i ORDER BY i;
  END
  $$;
`;
