// Browser runtime. The open chat on the right: header, messages, composer. With no chat open
// it says how to start one.
import { useId } from 'react';
import { EmptyState } from '../common/EmptyState.js';
import { Icon } from '../common/Icon.js';
import { failureTextKey } from '../format/failure-text.js';
import { closeOpenChat } from '../ipc/commands.js';
import { useText } from '../i18n/use-text.js';
import { chatFailed } from '../store/actions.js';
import { useAppStore } from '../store/use-app-store.js';
import { focusChatRow } from '../chats/focus-chat-row.js';
import { Composer } from './Composer.js';
import { MessageList } from './MessageList.js';
import { PeerStatus } from './PeerStatus.js';
import { ImageViewer } from './ImageViewer.js';
import { MessageMenu } from './MessageMenu.js';
import { useFileDrop } from './use-file-drop.js';
import { SearchBox, SearchResults } from '../search/SearchPanel.js';
import { searchChanged } from '../store/act-actions.js';
import type { KeyboardEvent } from 'react';
import { UserText } from '../common/UserText.js';
import { useShownName } from '../common/use-shown-name.js';

export function ChatPane() {
  const t = useText();
  const open = useAppStore((state) => state.ui.openChat);
  const recordName = useAppStore((state) =>
    open ? state.chats.list.find((chat) => chat.who === open.who)?.name : undefined,
  );
  const chatError = useAppStore((state) => state.ui.chatError);
  const headingId = useId();
  const shownName = useShownName(open?.who ?? 0, recordName ?? open?.name ?? '');
  const viewing = useAppStore((state) => state.files.viewer !== null && state.files.viewer.who === open?.who);
  const { dragging, handlers } = useFileDrop(open?.who ?? 0, open !== null);
  const searching = useAppStore((state) => open !== null && state.acts.search?.who === open.who);
  const messageMenu = useAppStore((state) => state.acts.menu);

  if (!open) {
    return (
      <main className="chat chat-empty" aria-label={t('messagesLog')}>
        <EmptyState picture="conversation" text={t('emptyConversation')} />
      </main>
    );
  }
  const name = shownName;
  const who = open.who;

  // Ctrl+F (Cmd+F): search this chat only.
  function onKeyDown(event: KeyboardEvent<HTMLElement>): void {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'f') return;
    event.preventDefault();
    searchChanged({ who, query: '', results: null, failed: false });
  }

  return (
    <main className="chat" aria-labelledby={headingId} onKeyDown={onKeyDown} {...handlers}>
      <header className="chat-header">
        <div className="chat-title">
          <h2 id={headingId}>
            <UserText text={name} />
          </h2>
          <PeerStatus who={open.who} />
        </div>
        <button
          type="button"
          className="icon-button"
          aria-label={t('closeChat')}
          title={`${t('closeChat')} (Esc)`}
          onClick={() => {
            closeOpenChat();
            requestAnimationFrame(() => focusChatRow(open.who));
          }}
        >
          <Icon name="close" />
        </button>
      </header>
      {chatError && (
        <p className="chat-error" role="alert">
          {t(failureTextKey(chatError))}
          <button type="button" className="link-button" aria-label={t('cancel')} onClick={() => chatFailed(null)}>
            ×
          </button>
        </p>
      )}
      {searching && (
        <div className="chat-search">
          <SearchBox who={who} />
          <SearchResults who={who} />
        </div>
      )}
      <MessageList key={open.who} who={open.who} peerName={name} />
      <Composer key={`composer-${open.who}`} who={open.who} />
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay">
          <p>{t('dropFilesHere', { name })}</p>
        </div>
      )}
      {viewing && <ImageViewer who={open.who} />}
      {/* Inside the conversation's landmark, as its messages are. */}
      {messageMenu && <MessageMenu menu={messageMenu} />}
    </main>
  );
}
