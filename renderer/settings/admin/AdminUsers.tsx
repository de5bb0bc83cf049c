// Browser runtime. Settings → Admin → Users: every account page by page ("Show more"), and
// the actions on each, each behind a confirm dialog. A reset password is shown once.
import { useCallback, useEffect, useId, useState } from 'react';
import type { AdminAction, ManagedUser, ManagedUsersPage } from '../../../main/ipc/contract.js';
import { ConfirmDialog } from '../../common/ConfirmDialog.js';
import { fullTime } from '../../format/time.js';
import type { TextKey } from '../../i18n/strings.js';
import { useText } from '../../i18n/use-text.js';
import { messenger } from '../../ipc/api.js';
import { reportUnlessAnswered } from '../../ipc/problems.js';
import { adminFailureKey } from './admin-errors.js';
import { OneTimeSecret } from './OneTimeSecret.js';

const actionText: Record<AdminAction, { button: TextKey; heading: TextKey; body: TextKey }> = {
  deactivate: { button: 'adminDeactivate', heading: 'adminDeactivateHeading', body: 'adminDeactivateBody' },
  reactivate: { button: 'adminReactivate', heading: 'adminReactivateHeading', body: 'adminReactivateBody' },
  promote: { button: 'adminPromote', heading: 'adminPromoteHeading', body: 'adminPromoteBody' },
  demote: { button: 'adminDemote', heading: 'adminDemoteHeading', body: 'adminDemoteBody' },
  'reset-password': { button: 'adminResetPassword', heading: 'adminResetHeading', body: 'adminResetBody' },
};

/** What makes sense for a user as they are now. */
function actionsFor(user: ManagedUser): AdminAction[] {
  if (user.state !== 'active') return ['reactivate'];
  return [user.role === 'admin' ? 'demote' : 'promote', 'reset-password', 'deactivate'];
}

const stateText = {
  active: 'adminStateActive',
  deactivated: 'adminStateDeactivated',
  deleted: 'adminStateDeleted',
} as const;

type Fetched = { page: ManagedUsersPage } | { error: TextKey };

async function fetchUsers(after?: string): Promise<Fetched> {
  try {
    return { page: await messenger().adminUsers(after === undefined ? undefined : { after }) };
  } catch (error) {
    reportUnlessAnswered('listing users', error);
    return { error: adminFailureKey(error, 'action') };
  }
}

export function AdminUsers() {
  const t = useText();
  const headingId = useId();
  const [users, setUsers] = useState<ManagedUser[]>([]);
  const [next, setNext] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [listError, setListError] = useState<TextKey | null>(null);
  const [asked, setAsked] = useState<{ user: ManagedUser; action: AdminAction } | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<TextKey | null>(null);
  const [password, setPassword] = useState<{ name: string; value: string } | null>(null);

  const show = useCallback((after: string | undefined, fetched: Fetched) => {
    setLoading(false);
    if ('error' in fetched) return setListError(fetched.error);
    const { page } = fetched;
    setUsers((shown) => (after === undefined ? page.users : [...shown, ...page.users]));
    setNext(page.next);
  }, []);

  useEffect(() => {
    void fetchUsers().then((fetched) => show(undefined, fetched));
  }, [show]);

  function loadMore(after?: string): void {
    setLoading(true);
    setListError(null);
    void fetchUsers(after).then((fetched) => show(after, fetched));
  }

  async function confirm(): Promise<void> {
    if (!asked) return;
    setBusy(true);
    setActionError(null);
    try {
      const result = await messenger().adminAction({ id: asked.user.id, action: asked.action });
      setUsers((shown) => shown.map((user) => (user.id === result.user.id ? result.user : user)));
      if (result.password) setPassword({ name: result.user.name, value: result.password });
      setAsked(null);
    } catch (error) {
      reportUnlessAnswered('an admin action', error);
      setActionError(adminFailureKey(error, 'action'));
      if (adminFailureKey(error, 'action') === 'adminErrorNotFound') loadMore();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="admin-users" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('adminUsersHeading')}</h4>
      {/* A list, not a table: the Settings column is too narrow for five columns. */}
      <ul className="admin-user-list" aria-labelledby={headingId}>
        {users.map((user) => (
          <li key={user.id} data-testid="admin-user">
            <strong>{user.name}</strong>
            <span className="admin-user-facts">
              {t(user.role === 'admin' ? 'adminRoleAdmin' : 'adminRoleMember')} · {t(stateText[user.state])} ·{' '}
              {t('adminUserLastSeen')}: {user.lastSeenAt === null ? t('adminNeverSeen') : fullTime(user.lastSeenAt, t)}
            </span>
            <div role="group" aria-label={t('adminActionsFor', { name: user.name })} className="admin-actions">
              {actionsFor(user).map((action) => (
                <button
                  key={action}
                  type="button"
                  className="secondary small"
                  onClick={() => {
                    setActionError(null);
                    setAsked({ user, action });
                  }}
                >
                  {t(actionText[action].button)}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
      {loading && <p role="status">{t('adminUsersLoading')}</p>}
      {listError && (
        <p role="alert">
          {t(listError)}{' '}
          <button type="button" className="secondary" onClick={() => loadMore(users.length ? next : undefined)}>
            {t('adminRetry')}
          </button>
        </p>
      )}
      {!loading && next !== undefined && (
        <button type="button" className="secondary" onClick={() => loadMore(next)}>
          {t('adminShowMore')}
        </button>
      )}
      {password && (
        <OneTimeSecret
          label={t('adminPasswordFor', { name: password.name })}
          hint={t('adminPasswordOnce')}
          value={password.value}
          onDone={() => setPassword(null)}
        />
      )}
      {asked && (
        <ConfirmDialog
          heading={t(actionText[asked.action].heading, { name: asked.user.name })}
          body={t(actionText[asked.action].body)}
          confirmLabel={t(actionText[asked.action].button)}
          busyLabel={t('adminWorking')}
          busy={busy}
          onCancel={() => setAsked(null)}
          onConfirm={() => void confirm()}
        >
          {actionError && <p role="alert">{t(actionError)}</p>}
        </ConfirmDialog>
      )}
    </section>
  );
}
