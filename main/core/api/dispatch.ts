// Node runtime. The one entry point for renderer requests in both shells: check the name,
// parse the payload, run the request's handler, and turn any outcome into an IpcResult. It
// never throws; what a handler throws is logged under the request's name (an unexpected error
// with its stack, an expected failure as its code at debug). The handler table is where a
// request name leads to its code, in one hop.
import {
  requestNames,
  type IpcResult,
  type RequestInput,
  type RequestName,
  type RequestValue,
} from '../../ipc/contract.js';
import type { ChatSession } from '../chats/chat-session.js';
import { failure, toFailure } from '../failure.js';
import * as admin from '../admin/admin-api.js';
import type { MessengerCore } from '../messenger-core.js';
import { firstIssue } from '../protocol-schemas.js';
import { requestSchemas } from './request-schemas.js';

export type Dispatch = (name: unknown, payload: unknown) => Promise<IpcResult<unknown>>;

type Handlers = {
  [N in RequestName]: (core: MessengerCore, input: RequestInput<N>) => Promise<RequestValue<N>>;
};

/** Every request's code: the account's on the core, the rest on the signed-in user's chats. */
const handlers: Handlers = {
  register: (core, input) => core.register(input),
  login: (core, input) => core.login(input),
  logout: (core, input) => core.logout(input),
  snapshot: async (core) => core.snapshot(),
  updateSettings: (core, changes) => core.updateSettings(changes),
  listUsers: (core) => signedIn(core).listUsers(),
  listChats: async (core) => signedIn(core).chats,
  openChat: (core, { who }) => signedIn(core).openChat(who),
  closeChat: (core, { who }) => signedIn(core).closeChat(who),
  readChat: (core, { who }) => signedIn(core).readChat(who),
  deleteChat: (core, { who }) => signedIn(core).deleteChat(who),
  loadHistory: (core, input) => signedIn(core).loadHistory(input),
  send: (core, input) => core.send(input),
  retry: (core, { clientId }) => signedIn(core).retry(clientId),
  discard: (core, { clientId }) => signedIn(core).discard(clientId),
  typing: async (core, { who }) => signedIn(core).typing(who),
  reportProblem: async (core, report) => core.reportProblem(report),
  serverInfo: (core, input) => core.self.serverInfo(input),
  accountInfo: (core) => core.accountInfo(),
  changePassword: (core, input) => core.self.changePassword(input),
  rename: (core, input) => core.self.rename(input),
  listSessions: (core) => core.self.listSessions(),
  endSession: (core, input) => core.self.endSession(input),
  endOtherSessions: (core) => core.self.endOtherSessions(),
  deleteAccount: (core, input) => core.self.deleteAccount(input),
  adminUsers: async (core, input) => admin.adminUsers(await core.authorized(), input?.after),
  adminAction: async (core, input) => admin.adminAction(await core.authorized(), input),
  adminCreateUser: async (core, { name }) => admin.adminCreateUser(await core.authorized(), name),
  adminInvites: async (core) => admin.adminInvites(await core.authorized()),
  adminCreateInvite: async (core, input) => admin.adminCreateInvite(await core.authorized(), input ?? {}),
  adminRevokeInvite: async (core, { id }) => admin.adminRevokeInvite(await core.authorized(), id),
  beginFile: (core, input) => core.files.beginFile(input),
  appendFile: (core, input) => core.files.appendFile(input),
  finishFile: (core, input) => core.files.finishFile(input),
  dropFile: (core, input) => core.files.dropFile(input),
  fileUrl: (core, input) => core.files.fileUrl(input),
  openFile: (core, input) => core.files.openFile(input),
  saveFile: (core, input) => core.files.saveFile(input),
  cancelSend: (core, { clientId }) => signedIn(core).cancelSend(clientId),
  avatarUrl: (core, input) => core.files.avatarUrl(input),
  setAvatar: (core, input) => core.files.setAvatar(input),
  removeAvatar: (core) => core.files.removeAvatar(),
  recall: (core, input) => signedIn(core).actions.recall(input),
  editMessage: (core, input) => signedIn(core).actions.editMessage(input),
  hideMessage: (core, input) => signedIn(core).actions.hideMessage(input),
  forward: (core, input) => signedIn(core).actions.forward(input),
  pinChat: (core, input) => signedIn(core).actions.pinChat(input),
  muteChat: (core, input) => signedIn(core).actions.muteChat(input),
  markUnread: (core, input) => signedIn(core).actions.markUnread(input),
  saveDraft: (core, input) => core.saveDraft(input),
  searchMessages: (core, input) => signedIn(core).actions.searchMessages(input),
  loadAround: (core, input) => signedIn(core).actions.loadAround(input),
  openLink: (core, { url }) => core.shell.openLink(url),
  restartToUpdate: (core) => core.shell.restartToUpdate(),
};

/** The one signed-in check of the chat requests. */
function signedIn(core: MessengerCore): ChatSession {
  const session = core.chatSession;
  if (!session) throw failure('signed_out', 'Sign in first.');
  return session;
}

export function createDispatch(core: MessengerCore): Dispatch {
  return async (name, payload) => {
    if (!isRequestName(name)) {
      return { ok: false, error: { code: 'bad_request', message: `Unknown request "${String(name).slice(0, 40)}".` } };
    }
    return run(core, name, payload);
  };
}

async function run<N extends RequestName>(core: MessengerCore, name: N, payload: unknown): Promise<IpcResult<unknown>> {
  const parsed = requestSchemas[name].safeParse(payload);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'bad_request', message: `Invalid ${name} request: ${firstIssue(parsed.error)}.` },
    };
  }
  try {
    const value = await handlers[name](core, parsed.data);
    return { ok: true, value: value ?? null };
  } catch (error) {
    core.logger.caught(`request ${name}`, error);
    return { ok: false, error: toFailure(error) };
  }
}

function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && (requestNames as readonly string[]).includes(name);
}
