// Browser runtime. Confirms signing out, and offers to remove the account's messages from
// this computer (a shared or lent machine).
import { useId, useState } from 'react';
import { ConfirmDialog } from '../common/ConfirmDialog.js';
import { signOut } from '../ipc/commands.js';
import { useText } from '../i18n/use-text.js';
import { signOutAsked } from '../store/actions.js';
import { useAppStore } from '../store/use-app-store.js';

export function SignOutDialog() {
  const t = useText();
  const account = useAppStore((state) => state.session.account);
  const [removeCache, setRemoveCache] = useState(false);
  const [busy, setBusy] = useState(false);
  const hintId = useId();

  async function confirm(): Promise<void> {
    setBusy(true);
    await signOut(removeCache);
    signOutAsked(false);
  }

  return (
    <ConfirmDialog
      heading={t('signOutHeading', { name: account?.user.name ?? '' })}
      body={t('signOutBody')}
      confirmLabel={t('signOut')}
      busy={busy}
      onCancel={() => signOutAsked(false)}
      onConfirm={() => void confirm()}
    >
      <label className="check">
        <input
          type="checkbox"
          checked={removeCache}
          aria-describedby={hintId}
          onChange={(event) => setRemoveCache(event.target.checked)}
        />
        <span>{t('signOutRemoveCache')}</span>
      </label>
      <p id={hintId} className="field-hint">
        {t('signOutRemoveCacheHint')}
      </p>
    </ConfirmDialog>
  );
}
