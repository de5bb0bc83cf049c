// Browser runtime. The buddy list: everyone on the server with an online dot, a search box,
// and a click opens (finds or creates) the chat with that person. The list is one Tab stop
// (roving tabindex): ↑/↓, PageUp/PageDown and Home/End move between people.
import { useEffect, useId, useMemo, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Avatar } from '../common/Avatar.js';
import { EmptyState } from '../common/EmptyState.js';
import { openChat, refreshContacts } from '../ipc/commands.js';
import { useText } from '../i18n/use-text.js';
import { contactSearchChanged, sectionShown } from '../store/actions.js';
import { selectVisibleContacts, type ContactRow } from '../store/contact-selectors.js';
import { useAppStore } from '../store/use-app-store.js';
import { UserText } from '../common/UserText.js';
import { rowAfterKey } from '../chats/list-window.js';

function rowId(target: EventTarget): number | null {
  const item = target instanceof Element ? target.closest<HTMLElement>('[data-id]') : null;
  return item ? Number(item.dataset.id) : null;
}

/** How many whole rows the list shows, going by the row `row`: what PageUp/PageDown move by. */
function rowsInView(list: HTMLElement, row: HTMLElement): number {
  const scroller = list.closest<HTMLElement>('.list-scroller') ?? list;
  return Math.max(1, Math.floor(scroller.clientHeight / Math.max(1, row.offsetHeight)) - 1);
}

export function ContactList() {
  const t = useText();
  const query = useAppStore((state) => state.contacts.query);
  const loaded = useAppStore((state) => state.contacts.loaded);
  const anyone = useAppStore((state) => state.contacts.users.length > 1);
  const contacts = useAppStore(useMemo(() => selectVisibleContacts(query), [query]));
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const tabStop = Math.max(
    0,
    contacts.findIndex((contact) => contact.id === focusedId),
  );

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>): void {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const from = contacts.findIndex((contact) => contact.id === rowId(event.target));
    const row = event.target instanceof HTMLElement ? event.target : null;
    if (from === -1 || !row) return;
    const to = rowAfterKey(event.key, from, contacts.length, rowsInView(event.currentTarget, row));
    if (to === null) return;
    event.preventDefault();
    event.currentTarget.querySelector<HTMLElement>(`[data-id="${contacts[to]!.id}"] button`)?.focus();
  }

  function onFocus(event: FocusEvent<HTMLUListElement>): void {
    const id = rowId(event.target);
    if (id !== null) setFocusedId(id);
  }

  useEffect(() => {
    void refreshContacts();
  }, []);

  let empty: ReactNode;
  if (!loaded) empty = <p className="list-empty">{t('contactsUnavailable')}</p>;
  else if (contacts.length > 0) empty = null;
  else if (query.trim() && anyone)
    empty = (
      <EmptyState
        picture="search"
        text={t('noContactsMatch', { query: query.trim() })}
        action={{ label: t('emptySearchAction'), onClick: () => contactSearchChanged('') }}
      />
    );
  else empty = <EmptyState picture="contacts" text={t('emptyContacts')} />;

  return (
    <div className="contacts">
      <div className="search">
        <input
          type="text"
          className="search-input"
          aria-label={t('searchContacts')}
          placeholder={t('searchContacts')}
          value={query}
          spellCheck={false}
          onChange={(event) => contactSearchChanged(event.target.value)}
        />
      </div>
      <div className="list-scroller">
        {empty}
        <ul className="contact-list" role="list" aria-label={t('contactsList')} onKeyDown={onKeyDown} onFocus={onFocus}>
          {contacts.map((contact, index) => (
            <ContactItem key={contact.id} contact={contact} tabbable={index === tabStop} />
          ))}
        </ul>
      </div>
    </div>
  );
}

function ContactItem({ contact, tabbable }: { contact: ContactRow; tabbable: boolean }) {
  const t = useText();
  const dotId = useId();
  return (
    <li className="contact-item" data-id={contact.id}>
      <button
        type="button"
        className="contact-row"
        tabIndex={tabbable ? 0 : -1}
        aria-label={contact.name}
        aria-describedby={dotId}
        onClick={() => {
          contactSearchChanged('');
          sectionShown('chats');
          void openChat(contact.id, contact.name);
        }}
      >
        <Avatar id={contact.id} name={contact.name} />
        <UserText className="contact-name" text={contact.name} />
      </button>
      <span
        id={dotId}
        className="presence-dot"
        data-online={contact.online}
        role="img"
        aria-label={contact.online ? t('online') : t('offline')}
        title={contact.online ? t('online') : t('offline')}
      />
    </li>
  );
}
