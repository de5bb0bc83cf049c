// Node runtime. For administrators, everyone's accounts and the invites: the /api/admin/*
// endpoints (docs/protocol.md), parsed into the wire types.
import { z } from 'zod';
import {
  httpPaths,
  type InviteInfo,
  type ManagedUser,
  type ManagedUsersPage,
  type NewInviteRequest,
  type NewInviteResponse,
} from '../../../protocol/contract.js';
import type { AdminActionInput, AdminActionResult, AdminCreatedUser } from '../../ipc/contract.js';
import { callServer, type Authorized } from './server-http.js';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const time = z.number().int().min(0);
const role = z.enum(['admin', 'member']);

const managedUser = z.object({
  id,
  name: z.string(),
  role,
  state: z.enum(['active', 'deactivated', 'deleted']),
  createdAt: time,
  lastSeenAt: time.nullable().catch(null),
}) satisfies z.ZodType<ManagedUser>;
const usersPage = z.object({
  users: z.array(managedUser),
  next: z.string().min(1).optional(),
}) satisfies z.ZodType<ManagedUsersPage>;
const actionResult = z.object({ user: managedUser, password: z.string().min(1).optional() });
const createdUser = z.object({ user: managedUser, password: z.string().min(1) });
const invite = z.object({
  id: z.string().min(1),
  usesLeft: z.number().int().min(0),
  expiresAt: time.nullable(),
  createdAt: time,
  createdBy: id.nullable().catch(null),
}) satisfies z.ZodType<InviteInfo>;
const invites = z.object({ invites: z.array(invite) });
const newInvite = z.object({ code: z.string().min(1), invite }) satisfies z.ZodType<NewInviteResponse>;

export function adminUsers(auth: Authorized, after?: string): Promise<ManagedUsersPage> {
  const query = after === undefined ? '' : `?${new URLSearchParams({ after }).toString()}`;
  return callServer(auth, 'GET', `${httpPaths.adminUsers}${query}`, usersPage);
}

export function adminAction(auth: Authorized, { id, action }: AdminActionInput): Promise<AdminActionResult> {
  return callServer(auth, 'POST', `${httpPaths.adminUser}${id}/${action}`, actionResult);
}

export function adminCreateUser(auth: Authorized, name: string): Promise<AdminCreatedUser> {
  return callServer(auth, 'POST', httpPaths.adminUsers, createdUser, { name });
}

export async function adminInvites(auth: Authorized): Promise<InviteInfo[]> {
  return (await callServer(auth, 'GET', httpPaths.adminInvites, invites)).invites;
}

export function adminCreateInvite(auth: Authorized, request: NewInviteRequest): Promise<NewInviteResponse> {
  return callServer(auth, 'POST', httpPaths.adminInvites, newInvite, request);
}

export async function adminRevokeInvite(auth: Authorized, inviteId: string): Promise<void> {
  await callServer(auth, 'DELETE', `${httpPaths.adminInvite}${encodeURIComponent(inviteId)}`, null);
}
