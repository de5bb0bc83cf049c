// Browser runtime. The buddy list: everyone on the server with an online dot, a search box,
// and a click opens (finds or creates) the chat with that person.
import { useEffect, useId, useMemo, type ReactNode } from 'react';
import { Avatar } from '../common/Avatar.js';
import { EmptyState } from '../common/EmptyState.js';
import { openChat, refreshContacts } from '../ipc/commands.js';
import { useText } from '../i18n/use-text.js';
import { contactSearchChanged, sectionShown } from '../store/actions.js';
import { selectVisibleContacts, type ContactRow } from '../store/contact-selectors.js';
import { useAppStore } from '../store/use-app-store.js';
import { UserText } from '../common/UserText.js';

export function ContactList() {
  const t = useText();
  const query = useAppStore((state) => state.contacts.query);
  const loaded = useAppStore((state) => state.contacts.loaded);
  const anyone = useAppStore((state) => state.contacts.users.length > 1);
  const contacts = useAppStore(useMemo(() => selectVisibleContacts(query), [query]));

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
        <ul className="contact-list" role="list" aria-label={t('contactsList')}>
          {contacts.map((contact) => (
            <ContactItem key={contact.id} contact={contact} />
          ))}
        </ul>
      </div>
    </div>
  );
}

function ContactItem({ contact }: { contact: ContactRow }) {
  const t = useText();
  const dotId = useId();
  return (
    <li className="contact-item">
      <button
        type="button"
        className="contact-row"
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
