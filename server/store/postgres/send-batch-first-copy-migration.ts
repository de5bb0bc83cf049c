// Server, PostgreSQL store: migration 13, store_sends (migration 12) finding a record's first copy
// through copies' key. Migration 12 joined copies to chats to find it; planned once per connection
// for a table still small, that join read every copy of the record and sorted them, for each send
// whose peer_read_id it computed: a batch cost more the longer its chats grew (0.35 ms per send
// after a few thousand messages per record). With the record's id known first, the first copy is
// one step down copies' primary key (chat_id, seq), whatever the record's length.
import { sendBatchRecordsMigration } from './send-batch-records-migration.js';

const joined = `AND m.id >= (SELECT k.message_id FROM copies k JOIN chats rc ON rc.id = k.chat_id
                  WHERE rc.owner = st.peer AND rc.peer = st.owner ORDER BY k.seq LIMIT 1)`;
const byKey = `AND m.id >= (SELECT k.message_id FROM copies k
                  WHERE k.chat_id = (SELECT rc.id FROM chats rc WHERE rc.owner = st.peer AND rc.peer = st.owner)
                  ORDER BY k.seq LIMIT 1)`;

if (!sendBatchRecordsMigration.includes(joined)) throw new Error('migration 12 no longer holds the first-copy join');

export const sendBatchFirstCopyMigration = sendBatchRecordsMigration.replace(joined, byKey);
