// Browser runtime. Delete the account: the password, then a dialog that says what happens.
// On success the core signs this device out and the sign-in screen shows.
import { useId, useState } from 'react';
import { ConfirmDialog } from '../../common/ConfirmDialog.js';
import { deleteAccount } from '../../ipc/account-commands.js';
import { useText } from '../../i18n/use-text.js';
import { useAppStore } from '../../store/use-app-store.js';
import { FormMessage, type Said } from './FormMessage.js';
import { PasswordField } from '../../common/PasswordField.js';

export function DeleteAccount() {
  const t = useText();
  const name = useAppStore((state) => state.session.account?.user.name ?? '');
  const [password, setPassword] = useState('');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<Said>(null);
  const headingId = useId();
  const introId = useId();

  async function confirm(): Promise<void> {
    setBusy(true);
    const outcome = await deleteAccount(password);
    // Deleted: this section is gone with the signed-in window.
    if (outcome.ok) return;
    setBusy(false);
    setSaid({ kind: 'error', key: outcome.error });
  }

  return (
    <section className="account-delete" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('deleteAccountHeading')}</h4>
      <p id={introId} className="field-hint">
        {t('deleteAccountIntro')}
      </p>
      <form
        className="account-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (password === '') return setSaid({ kind: 'error', key: 'fillAllFields' });
          setSaid(null);
          setAsking(true);
        }}
      >
        <PasswordField
          label={t('deleteAccountPassword')}
          name="deletePassword"
          autoComplete="current-password"
          describedBy={introId}
          value={password}
          onChange={setPassword}
        />
        {!asking && <FormMessage said={said} />}
        <button type="submit" className="secondary danger-text">
          {t('deleteAccountAsk')}
        </button>
      </form>
      {asking && (
        <ConfirmDialog
          heading={t('deleteAccountConfirmHeading', { name })}
          body={t('deleteAccountConfirmBody')}
          confirmLabel={t('deleteAccountConfirm')}
          busyLabel={t('deletingAccount')}
          busy={busy}
          onCancel={() => {
            setAsking(false);
            setSaid(null);
          }}
          onConfirm={() => void confirm()}
        >
          <FormMessage said={said} />
        </ConfirmDialog>
      )}
    </section>
  );
}
