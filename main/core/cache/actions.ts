// Node runtime, but pure. What an action copy (recall, edit, hide) does to the cached message it
// is about, so the cache keeps each message as it is now and never the text taken back.
import type { Message } from '../../../protocol/contract.js';

/** A copy that is an action on an earlier message rather than a message. */
export function isAction(
  message: Message,
): message is Message & { kind: NonNullable<Message['kind']>; target: number } {
  return message.kind !== undefined && message.target !== undefined;
}

/** A copy the user sees as a message: not an action, not deleted for them. */
export function isShown(message: Message): boolean {
  return message.kind === undefined && message.hidden !== true;
}

/**
 * `message` changed by the actions on it (in seq order); the same object when none changes it.
 * A recall or hide erases the text and files; an edit after a recall changes nothing.
 */
export function applyActions(message: Message, actions: readonly Message[]): Message {
  let now = message;
  for (const action of actions) {
    if (action.target === now.id) now = applyAction(now, action);
    // The edits of a message taken back or deleted hold its words too.
    else if (action.kind !== 'edit' && now.kind === 'edit' && now.target === action.target && now.text !== undefined) {
      now = erased(now);
    }
    // A reply keeps no words of a message its sender recalled.
    else if (action.kind === 'recall' && action.target !== undefined && quotes(now, action.target)) {
      now = { ...now, replyTo: { ...now.replyTo, excerpt: '' } };
    }
  }
  return now;
}

function applyAction(message: Message, action: Message): Message {
  switch (action.kind) {
    case 'recall':
      return message.recalled ? message : { ...erased(message), recalled: true };
    case 'hide':
      return message.hidden ? message : { ...erased(message), hidden: true };
    case 'edit': {
      if (message.recalled || message.hidden || action.text === undefined) return message;
      if (message.content === action.text && message.editedAt === action.date) return message;
      return { ...message, content: action.text, editedAt: action.date };
    }
    case undefined:
      return message;
  }
}

function erased({ attachments: _files, caption: _caption, text: _text, ...message }: Message): Message {
  return { ...message, content: '' };
}

/** `message` is a reply quoting words of message `id`. */
function quotes(message: Message, id: number): message is Message & { replyTo: NonNullable<Message['replyTo']> } {
  return message.replyTo !== undefined && message.replyTo.id === id && message.replyTo.excerpt !== '';
}
