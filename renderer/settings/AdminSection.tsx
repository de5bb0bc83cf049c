// Browser runtime. Settings → Admin, shown to administrators only: the server's accounts,
// its invites, and creating an account. The server checks the role again on every request.
import { useId } from 'react';
import { useText } from '../i18n/use-text.js';
import { useAppStore } from '../store/use-app-store.js';
import { AdminCreateUser } from './admin/AdminCreateUser.js';
import { AdminInvites } from './admin/AdminInvites.js';
import { AdminUsers } from './admin/AdminUsers.js';

export function AdminSection() {
  const t = useText();
  const role = useAppStore((state) => state.session.account?.user.role);
  const headingId = useId();
  if (role !== 'admin') return null;
  return (
    <section className="admin" aria-labelledby={headingId} data-testid="admin-section">
      <h3 id={headingId}>{t('adminHeading')}</h3>
      <AdminUsers />
      <AdminInvites />
      <AdminCreateUser />
    </section>
  );
}
