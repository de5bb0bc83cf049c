// SQL both stores share: the same tables and joins in SQLite and PostgreSQL.

/** A chat record with its peer's name and its newest copy (the `last` message). */
export const chatColumns = `
  c.id, c.owner, c.peer, p.name AS peer_name, c.unread, c.updated_at, c.last_seq,
  m.id AS m_id, m.client_id AS m_client_id, m.sender AS m_sender, s.name AS m_sender_name,
  m.date AS m_date, m.content AS m_content
  FROM chats c
  JOIN users p ON p.id = c.peer
  LEFT JOIN copies k ON k.chat_id = c.id AND k.seq = c.last_seq
  LEFT JOIN messages m ON m.id = k.message_id
  LEFT JOIN users s ON s.id = m.sender`;

/** One copy in a record, as a Message row. */
export const copyColumns = `
  m.id, m.client_id, m.sender, s.name AS sender_name, m.date, m.content, k.seq
  FROM copies k
  JOIN messages m ON m.id = k.message_id
  JOIN users s ON s.id = m.sender`;
