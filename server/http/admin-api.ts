// HTTP: the administrators' endpoints under /api/admin/ (docs/protocol.md, "Administration").
// Every one needs the bearer token of an active admin: 401 without a valid session, 403 for a member.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  adminActions,
  httpPaths,
  type AdminAction,
  type AdminPasswordResponse,
  type ManagedUsersPage,
  type NewInviteResponse,
} from '../../protocol/contract.js';
import { ProtocolError } from '../../protocol/errors.js';
import { limits } from '../../protocol/limits.js';
import { parse } from '../../protocol/schemas.js';
import type { Accounts } from '../accounts/accounts.js';
import type { PasswordHasher } from '../accounts/hashing-queue.js';
import { createInvite } from '../accounts/invites.js';
import { sessionInfo } from '../accounts/self-service.js';
import { hashToken } from '../accounts/tokens.js';
import { applyAction, createAccount, endsSessions, type ActionOutcome } from '../admin/account-actions.js';
import type { Store } from '../store/store.js';
import { sendJson } from './error-response.js';
import { readJsonBody } from './json-body.js';

export interface AdminDeps {
  accounts: Accounts;
  store: Store;
  passwords: PasswordHasher;
  now: () => number;
  /** Disconnects every socket of that user, on every node. */
  endUser: (userId: number) => void;
}

type Handle = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
/** The handlers of one address, by method. */
export type Handlers = Partial<Record<'GET' | 'POST' | 'PUT' | 'DELETE', Handle>>;

const pageDefault = 100;
const pageMax = 500;
const invitesMax = 500;

/** The admin endpoints at this path (without its query), or undefined when there are none. */
export function adminRoutes(deps: AdminDeps, path: string): Handlers | undefined {
  const admin =
    (handle: (req: IncomingMessage, res: ServerResponse, by: number) => Promise<void>): Handle =>
    async (req, res) =>
      handle(req, res, await requireAdmin(deps, req));
  if (path === httpPaths.adminUsers) {
    return {
      GET: admin((req, res) => listUsers(deps, req, res)),
      POST: admin((req, res) => createUser(deps, req, res)),
    };
  }
  if (path === httpPaths.adminInvites) {
    return {
      GET: admin((_req, res) => listInvites(deps, res)),
      POST: admin((req, res, by) => makeInvite(deps, req, res, by)),
    };
  }
  if (path.startsWith(httpPaths.adminUser)) {
    const [id, action, ...rest] = path.slice(httpPaths.adminUser.length).split('/');
    if (rest.length > 0 || !isId(id)) return undefined;
    if (action === 'sessions') return { GET: admin((_req, res) => listSessions(deps, res, Number(id))) };
    if (!adminActions.includes(action as AdminAction)) return undefined;
    return { POST: admin((_req, res) => act(deps, res, Number(id), action as AdminAction)) };
  }
  if (path.startsWith(httpPaths.adminInvite)) {
    const id = path.slice(httpPaths.adminInvite.length);
    if (!/^[\w-]{16}$/.test(id)) return undefined;
    return { DELETE: admin((_req, res) => revokeInvite(deps, res, id)) };
  }
  return undefined;
}

/** The caller's user id when they are an active admin. */
async function requireAdmin({ accounts, store }: AdminDeps, req: IncomingMessage): Promise<number> {
  const { user } = await accounts.authenticate(bearerToken(req));
  const account = await store.getAccount(user.id);
  if (!account || account.state !== 'active') {
    throw new ProtocolError('unauthorized', 'Sign in again: that session has ended or never existed.');
  }
  if (account.role !== 'admin') throw new ProtocolError('forbidden', 'Only an administrator can do this.');
  return user.id;
}

async function listUsers({ store }: AdminDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const query = new URL(req.url ?? '/', 'http://x').searchParams;
  const after = query.get('after') ?? '0';
  const limitText = query.get('limit') ?? String(pageDefault);
  if (!isId(after) && after !== '0') throw new ProtocolError('bad_request', '"after" must be a "next" this list gave.');
  const limit = Number(limitText);
  if (!/^\d{1,3}$/.test(limitText) || limit < 1 || limit > pageMax) {
    throw new ProtocolError('bad_request', `"limit" must be a whole number from 1 to ${pageMax}.`);
  }
  const rows = await store.accounts(Number(after), limit + 1);
  const users = rows.slice(0, limit);
  const page: ManagedUsersPage = rows.length > limit ? { users, next: String(users.at(-1)!.id) } : { users };
  sendJson(res, 200, page);
}

async function createUser(deps: AdminDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { name } = parse.adminNewUser(await readJsonBody(req));
  const created = await createAccount(deps, name);
  if (!created) throw nameTaken();
  sendJson(res, 201, created satisfies AdminPasswordResponse);
}

async function act(deps: AdminDeps, res: ServerResponse, id: number, action: AdminAction): Promise<void> {
  const outcome: ActionOutcome = await applyAction(deps, id, action);
  if (outcome.kind === 'unknown') throw new ProtocolError('not_found', 'There is no such user.');
  if (outcome.kind === 'last-admin') {
    throw new ProtocolError('conflict', 'That would leave no active administrator; promote someone else first.');
  }
  // At once, on every node; the access watcher on each node is the backstop.
  if (endsSessions(action)) deps.endUser(id);
  sendJson(
    res,
    200,
    outcome.password === undefined ? { user: outcome.user } : { user: outcome.user, password: outcome.password },
  );
}

async function listSessions({ store }: AdminDeps, res: ServerResponse, id: number): Promise<void> {
  if (!(await store.getAccount(id))) throw new ProtocolError('not_found', 'There is no such user.');
  const sessions = await store.listSessions(id, limits.maxSessionsPerUser);
  sendJson(res, 200, { sessions: sessions.map((session) => sessionInfo(session)) });
}

async function listInvites({ store, now }: AdminDeps, res: ServerResponse): Promise<void> {
  sendJson(res, 200, { invites: await store.listInvites(now(), invitesMax) });
}

async function makeInvite(deps: AdminDeps, req: IncomingMessage, res: ServerResponse, by: number): Promise<void> {
  const { uses = 1, expiresInMs } = parse.newInvite(await readJsonBody(req));
  const now = deps.now();
  const expiresAt = expiresInMs === undefined ? null : now + expiresInMs;
  const code = await createInvite(deps.store, { uses, now, createdBy: by, ...(expiresAt ? { expiresAt } : {}) });
  const answer: NewInviteResponse = {
    code,
    invite: { id: hashToken(code).slice(0, 16), usesLeft: uses, expiresAt, createdAt: now, createdBy: by },
  };
  sendJson(res, 201, answer);
}

async function revokeInvite({ store }: AdminDeps, res: ServerResponse, id: string): Promise<void> {
  if (!(await store.revokeInvite(id))) throw new ProtocolError('not_found', 'There is no such invite.');
  res.writeHead(204).end();
}

function isId(text: string | undefined): text is string {
  return text !== undefined && /^[1-9]\d{0,14}$/.test(text);
}

function nameTaken(): ProtocolError {
  return new ProtocolError('conflict', 'That name is taken, or looks the same as one that is; choose another.');
}

export function bearerToken(req: IncomingMessage): string {
  const match = /^Bearer ([^\s]+)$/i.exec(req.headers.authorization ?? '');
  if (!match) throw new ProtocolError('unauthorized', 'Send the session token as "Authorization: Bearer <token>".');
  return match[1]!;
}
