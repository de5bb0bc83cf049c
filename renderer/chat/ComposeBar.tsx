// Browser runtime. Above the composer: the message being answered ("Reply to alice" and its
// excerpt) or being edited; ✕ or Esc in the composer cancels.
import { Icon } from '../common/Icon.js';
import { UserText } from '../common/UserText.js';
import { useText } from '../i18n/use-text.js';
import { composeModeChanged } from '../store/act-actions.js';
import { draftChanged } from '../store/actions.js';
import type { ComposeMode } from '../store/acts-slice.js';

/** Leaves reply or edit mode; leaving edit also empties the box it filled. */
export function cancelCompose(who: number, mode: ComposeMode): void {
  composeModeChanged(who, null);
  if (mode.kind === 'edit') draftChanged(who, '');
}

export function ComposeBar({ who, mode, you }: { who: number; mode: ComposeMode; you: boolean }) {
  const t = useText();
  const reply = mode.kind === 'reply';
  const name = you ? t('you') : mode.message.name;
  return (
    <div className="compose-bar" data-testid="compose-bar" role="status">
      <div className="compose-bar-text">
        <span className="compose-bar-title">{reply ? t('replyingTo', { name }) : t('editingMessage')}</span>
        <UserText className="compose-bar-excerpt" text={mode.message.content} />
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label={reply ? t('cancelReply') : t('cancelEdit')}
        onClick={() => cancelCompose(who, mode)}
      >
        <Icon name="close" />
      </button>
    </div>
  );
}
