// Browser runtime. A plain DOM placeholder until the React UI lands: enough screen to sign
// in, pick a chat and send, so both shells can be smoke-tested. It sees only window.messenger.
import type { Account, Chat, ChatMessage, ConnectionState, User } from '../main/ipc/contract.js';

const api = window.messenger;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element as T;
}

const view = {
  connection: byId('connection'),
  account: byId('account'),
  signOut: byId<HTMLButtonElement>('sign-out'),
  signIn: byId<HTMLFormElement>('sign-in'),
  serverUrl: byId<HTMLInputElement>('server-url'),
  name: byId<HTMLInputElement>('name'),
  password: byId<HTMLInputElement>('password'),
  signInError: byId('sign-in-error'),
  home: byId('home'),
  chats: byId('chats'),
  users: byId('users'),
  chat: byId('chat'),
  chatTitle: byId('chat-title'),
  messages: byId('messages'),
  composer: byId<HTMLFormElement>('composer'),
  message: byId<HTMLInputElement>('message'),
  chatError: byId('chat-error'),
};

const state = {
  account: null as Account | null,
  chats: [] as Chat[],
  users: [] as User[],
  openWho: null as number | null,
  messages: new Map<string, ChatMessage>(),
};

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A text-only element: message content is never parsed as HTML. */
function item(text: string, onClick?: () => void): HTMLLIElement {
  const li = document.createElement('li');
  if (onClick) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = text;
    button.addEventListener('click', onClick);
    li.append(button);
  } else {
    li.textContent = text;
  }
  return li;
}

function showConnection(connection: ConnectionState): void {
  view.connection.textContent = connection;
  view.connection.dataset.state = connection;
  if (connection === 'online') void loadUsers();
}

function showAccount(account: Account | null): void {
  state.account = account;
  view.account.textContent = account ? `${account.user.name} @ ${account.serverUrl}` : '';
  view.signIn.hidden = account !== null;
  view.signOut.hidden = account === null;
  view.home.hidden = account === null;
  if (account) view.serverUrl.value = account.serverUrl;
  else closeChatView();
}

function showChats(chats: Chat[]): void {
  state.chats = chats;
  view.chats.replaceChildren(
    ...chats.map((chat) => item(chat.unread > 0 ? `${chat.name} (${chat.unread})` : chat.name, () => void openChat(chat.who, chat.name))),
  );
}

function showUsers(users: User[]): void {
  const others = users.filter((user) => user.id !== state.account?.user.id);
  view.users.replaceChildren(...others.map((user) => item(`${user.name}${user.online ? ' •' : ''}`, () => void openChat(user.id, user.name))));
}

function showMessages(): void {
  const ordered = [...state.messages.values()].sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity) || a.date - b.date);
  view.messages.replaceChildren(
    ...ordered.map((message) => {
      const li = item(`${message.name}: ${message.content}${message.state === 'sent' ? '' : ` [${message.state}]`}`);
      li.dataset.state = message.state;
      return li;
    }),
  );
}

function mergeMessages(messages: ChatMessage[]): void {
  for (const message of messages) state.messages.set(message.clientId, message);
  showMessages();
}

async function loadUsers(): Promise<void> {
  try {
    state.users = await api.listUsers();
    showUsers(state.users);
  } catch {
    // Offline or signed out: the list is refreshed when the connection is back.
  }
}

async function openChat(who: number, name: string): Promise<void> {
  if (state.openWho !== null && state.openWho !== who) void api.closeChat({ who: state.openWho }).catch(() => undefined);
  state.openWho = who;
  state.messages.clear();
  view.chatTitle.textContent = name;
  view.chatError.textContent = '';
  view.chat.hidden = false;
  showMessages();
  try {
    await api.openChat({ who });
    const page = await api.loadHistory({ who });
    if (state.openWho === who) mergeMessages(page.messages);
  } catch (error) {
    view.chatError.textContent = errorText(error);
  }
}

function closeChatView(): void {
  state.openWho = null;
  state.messages.clear();
  view.chat.hidden = true;
}

view.signIn.addEventListener('submit', (event) => {
  event.preventDefault();
  const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
  const input = { serverUrl: view.serverUrl.value, name: view.name.value, password: view.password.value };
  view.signInError.textContent = '';
  const signIn = submitter?.value === 'register' ? api.register(input) : api.login(input);
  signIn.then(
    (account) => {
      view.password.value = '';
      showAccount(account);
    },
    (error: unknown) => (view.signInError.textContent = errorText(error)),
  );
});

view.signOut.addEventListener('click', () => void api.logout().catch((error: unknown) => (view.signInError.textContent = errorText(error))));

view.composer.addEventListener('submit', (event) => {
  event.preventDefault();
  const to = state.openWho;
  const content = view.message.value;
  if (to === null || content.trim() === '') return;
  view.message.value = '';
  view.chatError.textContent = '';
  api.send({ to, content }).then(
    (message) => {
      if (state.openWho === to) mergeMessages([message]);
    },
    (error: unknown) => (view.chatError.textContent = errorText(error)),
  );
});

api.on('connection', showConnection);
api.on('account', showAccount);
api.on('chats', showChats);
api.on('messages', ({ who, messages }) => {
  if (who === state.openWho) mergeMessages(messages);
});
api.on('historyReset', ({ who }) => {
  if (who !== state.openWho) return;
  state.messages.clear();
  showMessages();
});
api.on('showChat', ({ who }) => void openChat(who, state.chats.find((chat) => chat.who === who)?.name ?? String(who)));

api.snapshot().then(
  (snapshot) => {
    view.serverUrl.value = snapshot.defaultServerUrl;
    showAccount(snapshot.account);
    showConnection(snapshot.connection);
    showChats(snapshot.chats);
  },
  (error: unknown) => (view.signInError.textContent = errorText(error)),
);
