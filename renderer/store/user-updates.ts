// Browser runtime, but pure. A user renamed or deleted (the core's `userUpdated`): the
// directory, the loaded messages and the open chat take the new name; a deleted user leaves
// the directory and is remembered, so their name reads "Deleted user" in the user's language.
import type { UserUpdate } from '../../main/ipc/account-contract.js';
import type { User } from '../../main/ipc/contract.js';
import type { AppState } from './state.js';
import type { Timeline } from './timeline.js';

export function withUserUpdate(
  state: AppState,
  { id, name, deleted, avatar }: UserUpdate,
): Pick<AppState, 'contacts' | 'messages' | 'ui'> {
  const { contacts, messages, ui } = state;
  const users = deleted
    ? contacts.users.filter((user) => user.id !== id)
    : contacts.users.map((user) => (user.id === id ? withNameAndAvatar(user, name, avatar) : user));
  const byChat: Record<number, Timeline> = {};
  for (const [who, timeline] of Object.entries(messages.byChat)) byChat[Number(who)] = renamedIn(timeline, id, name);
  return {
    contacts: {
      ...contacts,
      users,
      deleted: deleted ? { ...contacts.deleted, [id]: true } : contacts.deleted,
    },
    messages: { ...messages, byChat },
    ui: ui.openChat?.who === id ? { ...ui, openChat: { ...ui.openChat, name } } : ui,
  };
}

/** The same object when nothing changed; `avatar` absent means the user has none now. */
function withNameAndAvatar(user: User, name: string, avatar: string | undefined): User {
  if (user.name === name && user.avatar === avatar) return user;
  const { avatar: _old, ...rest } = user;
  return avatar === undefined ? { ...rest, name } : { ...rest, name, avatar };
}

/** The timeline with `id`'s messages under `name`; the same object when none changes. */
function renamedIn(timeline: Timeline, id: number, name: string): Timeline {
  if (!timeline.messages.some((message) => message.user === id && message.name !== name)) return timeline;
  return {
    ...timeline,
    messages: timeline.messages.map((message) =>
      message.user === id && message.name !== name ? { ...message, name } : message,
    ),
  };
}
