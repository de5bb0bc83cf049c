// Browser runtime. One message as a bubble: the user's own on the right in green, the peer's
// on the left in white. The text is always text (React escapes it; never parsed as HTML).
// Files come first, their caption under them.
import { memo } from 'react';
import type { ChatMessage } from '../../main/ipc/contract.js';
import { Avatar } from '../common/Avatar.js';
import { failureTextKey } from '../format/failure-text.js';
import { fullTime } from '../format/time.js';
import { discardMessage, retryMessage } from '../ipc/commands.js';
import { useText } from '../i18n/use-text.js';
import { UserText } from '../common/UserText.js';
import { MessageAttachments } from './MessageAttachments.js';
import { useShownName } from '../common/use-shown-name.js';

interface MessageItemProps {
  message: ChatMessage;
  own: boolean;
  who: number;
}

export const MessageItem = memo(function MessageItem({ message, own, who }: MessageItemProps) {
  const t = useText();
  const peerName = useShownName(message.user, message.name);
  const sender = own ? t('you') : peerName;
  const hasFiles = (message.attachments?.length ?? 0) > 0;
  return (
    <article
      className={`message ${own ? 'message-own' : 'message-peer'}`}
      data-testid="message"
      data-state={message.state}
      aria-label={sender}
      title={fullTime(message.date, t)}
    >
      <Avatar id={message.user} name={message.name} size="small" />
      <div className="message-body">
        {hasFiles && <MessageAttachments message={message} who={who} />}
        {(!hasFiles || message.content !== '') && (
          <div className="bubble">
            <UserText className="message-text" text={message.content} />
          </div>
        )}
        {own && message.state === 'sending' && <span className="message-state">{t('sending')}</span>}
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
