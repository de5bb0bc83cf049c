// Browser runtime. The middle list in the Chats section: one row per chat record, newest first.
import { useNow } from '../common/use-now.js';
import { useText } from '../i18n/use-text.js';
import { selectChatRows } from '../store/chat-selectors.js';
import { useAppStore } from '../store/use-app-store.js';
import { ChatRowItem } from './ChatRowItem.js';

export function ChatList() {
  const t = useText();
  const rows = useAppStore(selectChatRows);
  const now = useNow();
  return (
    <div className="list-scroller">
      {rows.length === 0 && <p className="list-empty">{t('noChats')}</p>}
      <ul className="chat-list" role="list" aria-label={t('chatsList')}>
        {rows.map((row) => (
          <ChatRowItem key={row.who} row={row} now={now} />
        ))}
      </ul>
    </div>
  );
}
