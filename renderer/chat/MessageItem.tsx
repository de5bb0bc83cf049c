// Browser runtime. One message as a bubble: the user's own on the right in green, the peer's
// on the left in white. The text is always text (React escapes it; never parsed as HTML).
// Files come first, their caption under them. Its actions open with a right-click, the Menu
// key or Shift+F10 on the focused message, or its ⋯ button.
import { memo, useId, type KeyboardEvent, type MouseEvent } from 'react';
import type { ChatMessage } from '../../main/ipc/contract.js';
import { Avatar } from '../common/Avatar.js';
import { failureTextKey } from '../format/failure-text.js';
import { fullTime, messageTimeLabel } from '../format/time.js';
import { discardMessage, retryMessage } from '../ipc/commands.js';
import { useText } from '../i18n/use-text.js';
import { LinkedText } from '../common/LinkedText.js';
import { messageMenuOpened } from '../store/act-actions.js';
import { useAppStore } from '../store/use-app-store.js';
import { MessageAttachments } from './MessageAttachments.js';
import { QuoteBlock, ReadState, RecalledLine } from './MessageExtras.js';
import { useShownName } from '../common/use-shown-name.js';

interface MessageItemProps {
  message: ChatMessage;
  own: boolean;
  who: number;
  /** The clock the time labels read ("Yesterday 14:05"). */
  now: number;
}

export const MessageItem = memo(function MessageItem({ message, own, who, now }: MessageItemProps) {
  const t = useText();
  const id = useId();
  const peerName = useShownName(message.user, message.name);
  const sender = own ? t('you') : peerName;
  const hasFiles = (message.attachments?.length ?? 0) > 0;
  const hasText = !hasFiles || message.content !== '';
  const highlighted = useAppStore(
    (state) => message.id !== null && state.acts.highlight?.who === who && state.acts.highlight.id === message.id,
  );

  if (message.recalled) return <RecalledLine message={message} own={own} who={who} name={peerName} />;

  function openMenuAt(x: number, y: number): void {
    messageMenuOpened({ who, clientId: message.clientId, x, y, at: Date.now() });
  }
  function openMenuUnder(element: Element): void {
    const box = element.getBoundingClientRect();
    openMenuAt(own ? box.right - 160 : box.left + 24, box.bottom);
  }
  function onContextMenu(event: MouseEvent<HTMLElement>): void {
    event.preventDefault();
    if (event.clientX === 0 && event.clientY === 0) openMenuUnder(event.currentTarget);
    else openMenuAt(event.clientX, event.clientY);
  }
  function onKeyDown(event: KeyboardEvent<HTMLElement>): void {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      openMenuUnder(event.currentTarget);
    }
  }

  return (
    <article
      className={`message ${own ? 'message-own' : 'message-peer'}${highlighted ? ' message-highlighted' : ''}`}
      data-testid="message"
      data-client-id={message.clientId}
      data-state={message.state}
      aria-labelledby={hasText ? `${id}-head ${id}-text` : `${id}-head`}
      tabIndex={0}
      onContextMenu={onContextMenu}
      onKeyDown={onKeyDown}
    >
      {/* Read first in browse mode, and with the text as the name when the message has focus:
          who wrote it and when, which the bubble only shows by its side and colour. */}
      <span className="visually-hidden" id={`${id}-head`}>
        {t('messageHead', { name: sender, time: messageTimeLabel(message.date, now, t) })}
      </span>
      <Avatar id={message.user} name={message.name} size="small" />
      <div className="message-body" title={fullTime(message.date, t)}>
        {message.replyTo && <QuoteBlock quote={message.replyTo} who={who} />}
        {hasFiles && <MessageAttachments message={message} who={who} />}
        {hasText && (
          <div className="bubble" id={`${id}-text`}>
            {message.forwarded && <span className="message-forwarded">{t('forwardedMark')}</span>}
            <LinkedText className="message-text" text={message.content} />
          </div>
        )}
        <div className="message-meta">
          {message.editedAt !== undefined && (
            <span className="message-edited" data-testid="edited">
              {t('editedMark')}
            </span>
          )}
          {own && <ReadState message={message} who={who} />}
          <button
            type="button"
            className="icon-button message-more"
            tabIndex={-1}
            aria-label={t('messageMore')}
            aria-haspopup="menu"
            onClick={(event) => openMenuUnder(event.currentTarget)}
          >
            ⋯
          </button>
        </div>
        {own && message.state === 'failed' && (
          <div className="message-state message-failed">
            <span>{t('notSent', { reason: t(failureTextKey(message.failure?.code ?? 'internal')) })}</span>
            <button type="button" className="link-button" onClick={() => void retryMessage(message.clientId)}>
              {t('retry')}
            </button>
            <button type="button" className="link-button" onClick={() => void discardMessage(who, message.clientId)}>
              {t('discard')}
            </button>
          </div>
        )}
      </div>
    </article>
  );
});
