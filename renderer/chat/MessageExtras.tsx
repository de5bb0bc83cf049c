// Browser runtime. The parts of a bubble issue 15 added: the quote of the message it answers
// (a click jumps there), the line a recalled message leaves (with "Re-edit" for its sender a
// few minutes), and the read state of the user's own messages.
import type { ChatMessage } from '../../main/ipc/contract.js';
import type { Quote } from '../../main/ipc/messages-contract.js';
import { jumpToQuote, reeditMessage } from '../ipc/message-commands.js';
import { useText } from '../i18n/use-text.js';
import { useAppStore } from '../store/use-app-store.js';
import { UserText } from '../common/UserText.js';
import { useNow } from '../common/use-now.js';
import { canReedit } from './message-permissions.js';

export function QuoteBlock({ quote, who }: { quote: Quote; who: number }) {
  const t = useText();
  const excerpt = quote.excerpt === '' ? t('quoteRecalled') : quote.excerpt;
  return (
    <button
      type="button"
      className="message-quote"
      aria-label={t('quoteOf', { name: quote.name, text: excerpt })}
      onClick={() => void jumpToQuote(who, quote.id)}
    >
      <UserText className="message-quote-name" text={quote.name} />
      <UserText className="message-quote-text" text={excerpt} />
    </button>
  );
}

export function RecalledLine({
  message,
  own,
  who,
  name,
}: {
  message: ChatMessage;
  own: boolean;
  who: number;
  name: string;
}) {
  const t = useText();
  const now = useNow(15_000);
  const recalled = useAppStore((state) => (message.id === null ? undefined : state.acts.recalled[message.id]));
  const windows = useAppStore((state) => state.acts.windows);
  const reedit = own && message.id !== null && canReedit(recalled, now, windows);
  return (
    <p className="message-recalled" data-testid="recalled">
      <span>{own ? t('youRecalled') : t('peerRecalled', { name })}</span>
      {reedit && (
        <button type="button" className="link-button" onClick={() => reeditMessage(who, message.id!)}>
          {t('reEdit')}
        </button>
      )}
    </p>
  );
}

/** Sending (clock) → sent (✓) → read by the peer (✓✓ "Read"). */
export function ReadState({ message, who }: { message: ChatMessage; who: number }) {
  const t = useText();
  const peerReadId = useAppStore((state) => state.chats.list.find((chat) => chat.who === who)?.peerReadId);
  if (message.state === 'failed') return null;
  if (message.state === 'sending' || message.id === null)
    return (
      <span
        className="message-ticks"
        data-testid="ticks"
        data-read-state="sending"
        role="img"
        aria-label={t('stateSending')}
      >
        🕓
      </span>
    );
  const read = peerReadId !== undefined && peerReadId >= message.id;
  return (
    <span
      className={`message-ticks${read ? ' message-ticks-read' : ''}`}
      data-testid="ticks"
      data-read-state={read ? 'read' : 'sent'}
      role="img"
      aria-label={read ? t('stateRead') : t('stateSent')}
    >
      {read ? '✓✓' : '✓'}
    </span>
  );
}
