// Browser runtime. Before a chat row's preview when that message is still in the outbox: a
// clock while it waits to be sent, the red mark once it failed (as beside its bubble).
import { useText } from '../i18n/use-text.js';

export function OutboxMark({ state }: { state: 'sending' | 'failed' }) {
  const t = useText();
  return state === 'failed' ? (
    <span
      className="chat-row-outbox chat-row-failed"
      data-testid="outbox-mark"
      data-state="failed"
      role="img"
      aria-label={t('outboxFailed')}
    >
      !
    </span>
  ) : (
    <span
      className="chat-row-outbox"
      data-testid="outbox-mark"
      data-state="sending"
      role="img"
      aria-label={t('outboxSending')}
    >
      <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <circle cx="8" cy="8" r="6.25" />
        <path d="M8 4.5V8l2.5 1.5" />
      </svg>
    </span>
  );
}
