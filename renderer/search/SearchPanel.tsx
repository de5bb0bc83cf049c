// Browser runtime. Search: at the top of the chat list over contacts (here) and messages (the
// server, or this computer's cache when it cannot be asked); Ctrl+F in a chat searches that
// chat only. Results come grouped; a message hit opens its chat at that message.
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../main/ipc/messages-contract.js';
import { focusCurrentChatRow } from '../chats/focus-chat-row.js';
import { EmptyState } from '../common/EmptyState.js';
import { Icon } from '../common/Icon.js';
import { UserText } from '../common/UserText.js';
import { useNow } from '../common/use-now.js';
import { chatListTime } from '../format/time.js';
import { openChat } from '../ipc/commands.js';
import { jumpToMessage, search } from '../ipc/message-commands.js';
import { useText } from '../i18n/use-text.js';
import { searchChanged } from '../store/act-actions.js';
import { sectionShown } from '../store/actions.js';
import { useAppStore } from '../store/use-app-store.js';
import { snippetParts } from './highlight.js';

function Snippet({ hit }: { hit: SearchHit }) {
  return (
    <span className="search-snippet">
      {snippetParts(hit.snippet, hit.matches).map((part, index) =>
        part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </span>
  );
}

/** The search box; `who`: inside that chat (Ctrl+F). */
export function SearchBox({ who }: { who?: number }) {
  const t = useText();
  const query = useAppStore((state) => (state.acts.search?.who === who ? (state.acts.search?.query ?? '') : ''));
  const ref = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (who !== undefined) ref.current?.focus();
  }, [who]);

  function close(): void {
    searchChanged(null);
    // Back to where Ctrl+F was pressed from: the chat's composer.
    if (who !== undefined) document.querySelector<HTMLTextAreaElement>('.composer-input')?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === 'ArrowDown' && who === undefined) {
      // ↓ goes on down the column: into the results while searching, else into the chat list.
      const firstHit = document.querySelector<HTMLElement>('[data-testid=search-results] .search-hit');
      if (firstHit) firstHit.focus();
      else if (!focusCurrentChatRow()) return;
      event.preventDefault();
      return;
    }
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    close();
  }

  return (
    <div className="search">
      <input
        ref={ref}
        type="search"
        className="search-input"
        aria-label={who === undefined ? t('searchLabel') : t('searchInChat')}
        placeholder={who === undefined ? t('searchLabel') : t('searchInChat')}
        value={query}
        spellCheck={false}
        onChange={(event) => void search(event.target.value, who)}
        onKeyDown={onKeyDown}
      />
      {who !== undefined && (
        <button type="button" className="icon-button" aria-label={t('closeSearch')} onClick={close}>
          <Icon name="close" />
        </button>
      )}
    </div>
  );
}

export function SearchResults({ who }: { who?: number }) {
  const t = useText();
  const now = useNow();
  const groupId = useId();
  const found = useAppStore((state) => state.acts.search);
  const users = useAppStore((state) => state.contacts.users);
  const me = useAppStore((state) => state.session.account?.user.id);
  if (!found || found.who !== who || found.query.trim() === '') return null;
  const query = found.query.trim().toLowerCase();
  const contacts =
    who === undefined ? users.filter((user) => user.id !== me && user.name.toLowerCase().includes(query)) : [];
  const hits = found.results?.hits ?? [];
  // Headings in order: under the window's h1 in the chat list, under the chat's h2 in a chat.
  // Groups, not named regions: the open chat's message list is already the "Messages" landmark.
  const GroupHeading = who === undefined ? 'h2' : 'h3';

  return (
    <div className="search-results" data-testid="search-results">
      {contacts.length > 0 && (
        <div role="group" aria-labelledby={`${groupId}-contacts`}>
          <GroupHeading id={`${groupId}-contacts`}>{t('searchGroupContacts')}</GroupHeading>
          <ul>
            {contacts.map((user) => (
              <li key={user.id}>
                <button
                  type="button"
                  className="search-hit"
                  onClick={() => {
                    searchChanged(null);
                    sectionShown('chats');
                    void openChat(user.id, user.name);
                  }}
                >
                  <UserText className="search-hit-name" text={user.name} />
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {hits.length > 0 && (
        <div role="group" aria-labelledby={`${groupId}-messages`}>
          <GroupHeading id={`${groupId}-messages`}>{t('searchGroupMessages')}</GroupHeading>
          <ul>
            {hits.map((hit) => (
              <li key={`${hit.who}:${hit.id}`}>
                <button
                  type="button"
                  className="search-hit"
                  data-testid="search-hit"
                  onClick={() => {
                    searchChanged(null);
                    sectionShown('chats');
                    void jumpToMessage(hit.who, hit.id, hit.seq, hit.name);
                  }}
                >
                  <UserText className="search-hit-name" text={hit.name} />
                  <span className="search-hit-date">{chatListTime(hit.date, now, t)}</span>
                  <Snippet hit={hit} />
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {found.results?.fromCache && <p className="search-note">{t('searchFromCache')}</p>}
      {found.failed && (
        <p className="search-note" role="alert">
          {t('searchFailed')}
        </p>
      )}
      {found.results && contacts.length === 0 && hits.length === 0 && (
        <EmptyState
          role="status"
          picture="search"
          text={t('emptySearch', { query: found.query.trim() })}
          action={{ label: t('emptySearchAction'), onClick: () => void search('', who) }}
        />
      )}
    </div>
  );
}
