// Browser runtime. Settings → Account: who you are (name, role), and changing your photo, name and
// password, your sessions, and deleting the account.
import { useEffect, useId, useState } from 'react';
import type { Account } from '../../../main/ipc/contract.js';
import { loadAccountInfo } from '../../ipc/account-commands.js';
import { useText } from '../../i18n/use-text.js';
import { useAppStore } from '../../store/use-app-store.js';
import { DeleteAccount } from './DeleteAccount.js';
import { PasswordForm } from './PasswordForm.js';
import { PhotoForm } from './PhotoForm.js';
import { RenameForm } from './RenameForm.js';
import { SessionList } from './SessionList.js';

export function AccountSection() {
  const t = useText();
  const user = useAppStore((state) => state.session.account?.user);
  const online = useAppStore((state) => state.session.connection === 'online');
  const [role, setRole] = useState<Account['user']['role']>(user?.role);
  const headingId = useId();
  /** Bumped when the other sessions have ended (a password change): the list loads again. */
  const [sessionsChanged, setSessionsChanged] = useState(0);

  useEffect(() => {
    if (!online) return;
    let current = true;
    void loadAccountInfo().then((outcome) => {
      if (current && outcome.ok) setRole(outcome.value.role);
    });
    return () => {
      current = false;
    };
  }, [online]);

  if (!user) return null;
  const shownRole = role ?? user.role;
  return (
    <section className="account-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('accountHeading')}</h3>
      <dl className="account-facts">
        <dt>{t('accountName')}</dt>
        <dd data-testid="account-name">{user.name}</dd>
        {shownRole && (
          <>
            <dt>{t('accountRole')}</dt>
            <dd data-testid="account-role">{t(shownRole === 'admin' ? 'roleAdmin' : 'roleMember')}</dd>
          </>
        )}
      </dl>
      <PhotoForm id={user.id} name={user.name} />
      <RenameForm current={user.name} />
      <PasswordForm onChanged={() => setSessionsChanged((n) => n + 1)} />
      <SessionList changed={sessionsChanged} />
      <DeleteAccount />
    </section>
  );
}
