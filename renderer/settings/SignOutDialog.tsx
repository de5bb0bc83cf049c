// Browser runtime. Confirms signing out, and offers to remove the account's messages from
// this computer (a shared or lent machine). A native modal <dialog>: focus stays inside, Esc cancels.
import { useEffect, useId, useRef, useState } from 'react';
import { signOut } from '../ipc/commands.js';
import { useText } from '../i18n/use-text.js';
import { signOutAsked } from '../store/actions.js';
import { useAppStore } from '../store/use-app-store.js';

export function SignOutDialog() {
  const t = useText();
  const account = useAppStore((state) => state.session.account);
  const ref = useRef<HTMLDialogElement>(null);
  const [removeCache, setRemoveCache] = useState(false);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const bodyId = useId();
  const hintId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function confirm(): Promise<void> {
    setBusy(true);
    await signOut(removeCache);
    signOutAsked(false);
  }

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={headingId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        signOutAsked(false);
      }}
    >
      <h2 id={headingId}>{t('signOutHeading', { name: account?.user.name ?? '' })}</h2>
      <p id={bodyId}>{t('signOutBody')}</p>
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
      <div className="dialog-buttons">
        <button type="button" className="secondary" autoFocus onClick={() => signOutAsked(false)}>
          {t('cancel')}
        </button>
        <button type="button" className="danger-button" disabled={busy} onClick={() => void confirm()}>
          {t('signOut')}
        </button>
      </div>
    </dialog>
  );
}
