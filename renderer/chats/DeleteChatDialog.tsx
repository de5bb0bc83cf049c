// Browser runtime. Confirms deleting a chat, saying plainly that only the user's own copy
// goes.
import { useState } from 'react';
import { ConfirmDialog } from '../common/ConfirmDialog.js';
import { failureTextKey } from '../format/failure-text.js';
import { deleteChat } from '../ipc/commands.js';
import { useText } from '../i18n/use-text.js';
import type { TextKey } from '../i18n/strings.js';
import { deleteAsked } from '../store/actions.js';
import type { OpenChat } from '../store/ui-slice.js';
import { focusChatRow } from './focus-chat-row.js';

export function DeleteChatDialog({ chat }: { chat: OpenChat }) {
  const t = useText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TextKey | null>(null);
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
    <ConfirmDialog
      heading={t('deleteHeading', { name: chat.name })}
      body={t('deleteBody', { name: chat.name })}
      confirmLabel={t('delete')}
      busyLabel={t('deleting')}
      busy={busy}
      onCancel={cancel}
      onConfirm={() => void confirm()}
    >
      {error && (
        <p className="form-error" role="alert">
          {t(error)}
        </p>
      )}
    </ConfirmDialog>
  );
}
