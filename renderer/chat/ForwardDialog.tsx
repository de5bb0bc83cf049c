// Browser runtime. "Forward…": a small modal list of the user's chats; picking one sends the
// message there. Esc or Cancel closes it and focus goes back to the message.
import { useEffect, useId, useRef } from 'react';
import { UserText } from '../common/UserText.js';
import { forwardMessage } from '../ipc/message-commands.js';
import { useText } from '../i18n/use-text.js';
import { forwardAsked } from '../store/act-actions.js';
import { selectChatRows } from '../store/chat-selectors.js';
import { useAppStore } from '../store/use-app-store.js';

export function ForwardDialog({ who, id }: { who: number; id: number }) {
  const t = useText();
  const rows = useAppStore(selectChatRows);
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog forward-dialog"
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault();
        forwardAsked(null);
      }}
    >
      <h2 id={headingId}>{t('forwardHeading')}</h2>
      <ul className="forward-list">
        {rows.map((row) => (
          <li key={row.who}>
            <button
              type="button"
              className="forward-target"
              aria-label={t('forwardTo', { name: row.name })}
              onClick={() => void forwardMessage(who, id, row.who)}
            >
              <UserText text={row.name} />
            </button>
          </li>
        ))}
      </ul>
      <div className="dialog-buttons">
        <button type="button" onClick={() => forwardAsked(null)}>
          {t('cancel')}
        </button>
      </div>
    </dialog>
  );
}
