// Browser runtime. Confirms deleting a chat, saying plainly that only the user's own copy
// goes. A native modal <dialog>: focus stays inside, Esc cancels.
import { useEffect, useId, useRef, useState } from 'react';
import { failureTextKey } from '../format/failure-text.js';
import { deleteChat } from '../ipc/commands.js';
import { useText } from '../i18n/use-text.js';
import type { TextKey } from '../i18n/strings.js';
import { deleteAsked } from '../store/actions.js';
import type { OpenChat } from '../store/ui-slice.js';
import { focusChatRow } from './focus-chat-row.js';

export function DeleteChatDialog({ chat }: { chat: OpenChat }) {
  const t = useText();
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TextKey | null>(null);
  const headingId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  function cancel(): void {
    deleteAsked(null);
    requestAnimationFrame(() => focusChatRow(chat.who));
  }

  async function confirm(): Promise<void> {
    setBusy(true);
    setError(null);
    const code = await deleteChat(chat.who);
    if (code === null) {
      requestAnimationFrame(() => focusChatRow(-1));
      return;
    }
    setBusy(false);
    setError(failureTextKey(code));
  }

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={headingId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        cancel();
      }}
    >
      <h2 id={headingId}>{t('deleteHeading', { name: chat.name })}</h2>
      <p id={bodyId}>{t('deleteBody', { name: chat.name })}</p>
      {error && (
        <p className="form-error" role="alert">
          {t(error)}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" className="secondary" autoFocus onClick={cancel}>
          {t('cancel')}
        </button>
        <button type="button" className="danger-button" disabled={busy} onClick={() => void confirm()}>
          {busy ? t('deleting') : t('delete')}
        </button>
      </div>
    </dialog>
  );
}
