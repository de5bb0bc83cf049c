// Browser runtime. One message's actions (Reply, Copy, Forward…, Edit, Recall, Delete for me),
// each only where the server allows it, as a menu at the pointer or under the ⋯ button; arrow
// keys move, Esc, Tab or a click elsewhere closes it and focus goes back to the message.
import type { KeyboardEvent } from 'react';
import type { ChatMessage } from '../../main/ipc/contract.js';
import { copyMessage, hideMessage, recallMessage } from '../ipc/message-commands.js';
import type { TextKey } from '../i18n/strings.js';
import { useText } from '../i18n/use-text.js';
import { composeModeChanged, forwardAsked, messageMenuOpened } from '../store/act-actions.js';
import type { MessageMenu as MessageMenuState } from '../store/acts-slice.js';
import { draftChanged } from '../store/actions.js';
import { useAppStore } from '../store/use-app-store.js';
import { allowedActions, type MessageAction } from './message-permissions.js';
import { menuKey } from '../common/menu-keys.js';
import { usePopupMenu } from '../common/use-popup-menu.js';

const labels: Record<MessageAction, TextKey> = {
  reply: 'actionReply',
  copy: 'actionCopy',
  forward: 'actionForward',
  edit: 'actionEdit',
  recall: 'actionRecall',
  hide: 'actionHide',
};

/** The message's element in the log (its focus target). */
const closeMessageMenu = () => messageMenuOpened(null);

export function messageElement(clientId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-testid="message"][data-client-id="${CSS.escape(clientId)}"]`);
}

function composerBox(): HTMLTextAreaElement | null {
  return document.querySelector<HTMLTextAreaElement>('.composer-input');
}

export function MessageMenu({ menu }: { menu: MessageMenuState }) {
  const t = useText();
  const message = useAppStore((state) =>
    state.messages.byChat[menu.who]?.messages.find((m) => m.clientId === menu.clientId),
  );
  const own = useAppStore((state) => message !== undefined && message.user === state.session.account?.user.id);
  const windows = useAppStore((state) => state.acts.windows);
  const actions = message ? allowedActions(message, own, menu.at, windows) : [];

  const { ref, items } = usePopupMenu(menu, closeMessageMenu);

  function close(): void {
    messageMenuOpened(null);
    messageElement(menu.clientId)?.focus();
  }

  function run(action: MessageAction, chosen: ChatMessage): void {
    messageMenuOpened(null);
    const id = chosen.id;
    switch (action) {
      case 'reply':
        composeModeChanged(menu.who, { kind: 'reply', message: chosen });
        composerBox()?.focus();
        return;
      case 'copy':
        messageElement(menu.clientId)?.focus();
        void copyMessage(chosen);
        return;
      case 'forward':
        if (id !== null) forwardAsked({ who: menu.who, id });
        return;
      case 'edit':
        composeModeChanged(menu.who, { kind: 'edit', message: chosen });
        draftChanged(menu.who, chosen.content);
        composerBox()?.focus();
        return;
      case 'recall':
        void recallMessage(menu.who, chosen);
        messageElement(menu.clientId)?.focus();
        return;
      case 'hide':
        if (id !== null) void hideMessage(menu.who, id);
        composerBox()?.focus();
        return;
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (!menuKey(event.key, items(), close)) return;
    event.preventDefault();
    event.stopPropagation();
  }

  return (
    <div ref={ref} className="menu" role="menu" aria-label={t('messageActions')} onKeyDown={onKeyDown}>
      {message &&
        actions.map((action) => (
          <button
            key={action}
            type="button"
            role="menuitem"
            tabIndex={-1}
            className={action === 'recall' || action === 'hide' ? 'danger' : undefined}
            onClick={() => run(action, message)}
          >
            {t(labels[action])}
          </button>
        ))}
    </div>
  );
}
