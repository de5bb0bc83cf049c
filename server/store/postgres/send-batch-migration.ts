// Server, PostgreSQL store: migration 11, the function that writes a batch of plain text sends
// in one round trip (postgres/send-batches.ts calls it inside the batch's transaction, after the
// senders' locks, the duplicate check and the send limit).
//
// Every record the batch touches is locked first, in (owner, peer) order, by one upsert that also
// creates a missing one: the order single sends and actions lock in (lower owner first), so a
// batch and anything else cannot deadlock. Then each send, in the batch's order, does exactly
// what a single send does (postgres/statements.ts storeSend and record-state.ts afterSend): both
// records appended to, the message row and both copies, then the read receipts.
export const sendBatchMigration = `
  CREATE FUNCTION store_sends(
    senders BIGINT[], receivers BIGINT[], client_ids TEXT[], contents BYTEA[], dates BIGINT[],
    viewing BOOLEAN[]
  ) RETURNS TABLE (
    sent_id BIGINT, from_name TEXT, to_name TEXT,
    s_id BIGINT, s_unread BIGINT, s_last_seq BIGINT, s_pinned_at BIGINT, s_muted BOOLEAN,
    s_marked_unread BOOLEAN, s_peer_read_id BIGINT,
    r_id BIGINT, r_unread BIGINT, r_last_seq BIGINT, r_pinned_at BIGINT, r_muted BOOLEAN,
    r_marked_unread BOOLEAN, r_peer_read_id BIGINT
  ) LANGUAGE plpgsql AS $$
  DECLARE
    i INTEGER;
    s_from BIGINT;
    s_to BIGINT;
    moved BIGINT;
  BEGIN
    INSERT INTO chats AS c (owner, peer, updated_at)
      SELECT owner, peer, min(date) FROM (
        SELECT s.f AS owner, s.t AS peer, s.d AS date FROM unnest(senders, receivers, dates) AS s(f, t, d)
        UNION ALL
        SELECT s.t, s.f, s.d FROM unnest(senders, receivers, dates) AS s(f, t, d)
      ) AS touched GROUP BY owner, peer ORDER BY owner, peer
      ON CONFLICT (owner, peer) DO UPDATE SET last_seq = c.last_seq;
    FOR i IN 1 .. coalesce(array_length(senders, 1), 0) LOOP
      s_from := senders[i];
      s_to := receivers[i];
      -- The sender has read their record: its unread and unread mark clear (docs/protocol.md 6.12).
      UPDATE chats c SET last_seq = c.last_seq + 1, updated_at = dates[i], unread = 0, marked_unread = FALSE
        WHERE c.owner = s_from AND c.peer = s_to
        RETURNING c.id, c.unread, c.last_seq, c.pinned_at, c.muted, c.marked_unread, c.peer_read_id
        INTO s_id, s_unread, s_last_seq, s_pinned_at, s_muted, s_marked_unread, s_peer_read_id;
      UPDATE chats c SET last_seq = c.last_seq + 1, updated_at = dates[i],
          unread = c.unread + CASE WHEN viewing[i] THEN 0 ELSE 1 END
        WHERE c.owner = s_to AND c.peer = s_from
        RETURNING c.id, c.unread, c.last_seq, c.pinned_at, c.muted, c.marked_unread, c.peer_read_id
        INTO r_id, r_unread, r_last_seq, r_pinned_at, r_muted, r_marked_unread, r_peer_read_id;
      INSERT INTO messages (sender, client_id, recipient, date, content, sender_seq, attachments)
        VALUES (s_from, client_ids[i], s_to, dates[i], contents[i], s_last_seq, 0)
        RETURNING id INTO sent_id;
      INSERT INTO copies (chat_id, seq, message_id) VALUES (s_id, s_last_seq, sent_id), (r_id, r_last_seq, sent_id);
      moved := store_sends_seen(s_from, s_to);
      IF moved IS NOT NULL THEN r_peer_read_id := moved; END IF;
      IF viewing[i] THEN
        moved := store_sends_seen(s_to, s_from);
        IF moved IS NOT NULL THEN s_peer_read_id := moved; END IF;
      END IF;
      SELECT name INTO from_name FROM users WHERE id = s_from;
      SELECT name INTO to_name FROM users WHERE id = s_to;
      RETURN NEXT;
    END LOOP;
  END
  $$;
  -- record-state.ts markSeen: the reader has read all the writer sent them; the writer's record's
  -- new peer_read_id when it moved, else NULL.
  CREATE FUNCTION store_sends_seen(reader BIGINT, writer BIGINT) RETURNS BIGINT
    LANGUAGE plpgsql AS $$
  DECLARE
    seen BIGINT;
    moved BIGINT;
  BEGIN
    SELECT m.id INTO seen FROM messages m WHERE m.sender = writer AND m.recipient = reader
      AND m.id >= (SELECT k.message_id FROM copies k
        WHERE k.chat_id = (SELECT id FROM chats WHERE owner = reader AND peer = writer) ORDER BY k.seq LIMIT 1)
      ORDER BY m.id DESC LIMIT 1;
    IF seen IS NULL THEN RETURN NULL; END IF;
    UPDATE chats c SET peer_read_id = seen
      WHERE c.owner = writer AND c.peer = reader AND seen > coalesce(c.peer_read_id, 0)
        AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id IN (writer, reader) AND NOT u.read_receipts)
      RETURNING c.peer_read_id INTO moved;
    RETURN moved;
  END
  $$;
`;
