// Browser runtime, but pure. Which actions a message offers, by the server's rules: only stored
// messages can be acted on; only the sender edits (text only) and recalls, within the windows.
import type { ChatMessage } from '../../main/ipc/contract.js';
import type { ActsState } from '../store/acts-slice.js';

export const messageActions = ['reply', 'copy', 'forward', 'edit', 'recall', 'hide'] as const;
export type MessageAction = (typeof messageActions)[number];

export function allowedActions(
  message: ChatMessage,
  own: boolean,
  now: number,
  windows: ActsState['windows'],
): MessageAction[] {
  if (message.id === null) return message.content !== '' ? ['copy'] : [];
  if (message.recalled) return ['hide'];
  const age = now - message.date;
  const isText = (message.attachments?.length ?? 0) === 0;
  const allowed: Record<MessageAction, boolean> = {
    reply: true,
    copy: message.content !== '',
    forward: true,
    edit: own && isText && age < windows.editMs,
    recall: own && windows.recallMs > 0 && age < windows.recallMs,
    hide: true,
  };
  return messageActions.filter((action) => allowed[action]);
}

/** The user recalled it a moment ago and the text they saw is still at hand. */
export function canReedit(
  recalled: ActsState['recalled'][number] | undefined,
  now: number,
  windows: ActsState['windows'],
): boolean {
  return recalled !== undefined && now - recalled.at < windows.reeditMs;
}
