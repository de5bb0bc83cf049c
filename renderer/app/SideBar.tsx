// Browser runtime. The narrow dark bar on the left: who is signed in, and the three sections.
import { Avatar } from '../common/Avatar.js';
import { Icon, type IconName } from '../common/Icon.js';
import { useText } from '../i18n/use-text.js';
import type { TextKey } from '../i18n/strings.js';
import { sectionShown } from '../store/actions.js';
import { selectUnreadTotal, unreadBadge } from '../store/chat-selectors.js';
import type { Section } from '../store/ui-slice.js';
import { useAppStore } from '../store/use-app-store.js';

const sections: ReadonlyArray<{ section: Section; label: TextKey; icon: IconName }> = [
  { section: 'chats', label: 'navChats', icon: 'chats' },
  { section: 'contacts', label: 'navContacts', icon: 'contacts' },
  { section: 'settings', label: 'navSettings', icon: 'settings' },
];

export function SideBar() {
  const t = useText();
  const account = useAppStore((state) => state.session.account);
  const current = useAppStore((state) => state.ui.section);
  const unread = useAppStore(selectUnreadTotal);
  const badge = unreadBadge(unread);

  return (
    <nav className="sidebar" aria-label={t('navLabel')}>
      {account && (
        <Avatar
          id={account.user.id}
          name={account.user.name}
          size="large"
          label={t('myAvatar', { name: account.user.name })}
        />
      )}
      <ul className="sidebar-sections" role="list">
        {sections.map(({ section, label, icon }) => (
          <li key={section} className={section === 'settings' ? 'sidebar-bottom' : undefined}>
            <button
              type="button"
              className="sidebar-button"
              aria-label={section === 'chats' && unread > 0 ? t('navChatsUnread', { n: unread }) : t(label)}
              title={t(label)}
              aria-current={current === section ? 'page' : undefined}
              onClick={() => sectionShown(section)}
            >
              <Icon name={icon} />
              {/* The count is in the button's name ("Chats, 3 unread"): the badge is only drawn. */}
              {section === 'chats' && badge && (
                <span className="sidebar-badge" aria-hidden="true">
                  {badge}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
