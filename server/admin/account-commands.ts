// `npm run admin` commands on one account (admin-cli.ts): each prints its result as the last
// line of stdout; an unknown name or a refused change exits 1 with the reason on stderr.
import type { AdminAction, ManagedUser } from '../../protocol/contract.js';
import { ProtocolError } from '../../protocol/errors.js';
import { limits } from '../../protocol/limits.js';
import { nameKey, parse } from '../../protocol/schemas.js';
import { scryptHasher } from '../accounts/hashing-queue.js';
import type { Store } from '../store/store.js';
import { applyAction, createAccount, type AccountActionDeps } from './account-actions.js';

/** A refusal the administrator can act on: exit status 1, the message on stderr. */
export class CommandFailed extends Error {}

export const accountCommands = [
  'create-user',
  'reset-password',
  'deactivate',
  'reactivate',
  'promote',
  'demote',
  'sessions',
] as const;
export type AccountCommand = (typeof accountCommands)[number];

const done: Record<Exclude<AdminAction, 'reset-password'>, string> = {
  deactivate: 'is deactivated; their sessions have ended',
  reactivate: 'is active again',
  promote: 'is an administrator',
  demote: 'is a member',
};

const pageSize = 500;

/** Every account, in id order, one tab-separated line each: id, name, role, state, last seen. */
export async function listAccounts(store: Store, write: (line: string) => void): Promise<void> {
  for (let after = 0; ;) {
    const page = await store.accounts(after, pageSize);
    for (const { id, name, role, state, lastSeenAt } of page) {
      write([id, name, role, state, lastSeenAt === null ? 'never' : new Date(lastSeenAt).toISOString()].join('\t'));
    }
    if (page.length < pageSize) return;
    after = page.at(-1)!.id;
  }
}

export async function runAccountCommand(
  store: Store,
  command: AccountCommand,
  name: string | undefined,
  write: (line: string) => void,
): Promise<void> {
  if (name === undefined) throw new CommandFailed(`${command} needs the name of an account.`);
  const deps: AccountActionDeps = { store, passwords: scryptHasher, now: Date.now };
  if (command === 'create-user') {
    const checked = checkedName(name);
    const created = await createAccount(deps, checked);
    if (!created) throw new CommandFailed(`The name "${checked}" is taken, or looks the same as one that is.`);
    write(`Created ${created.user.name} (id ${created.user.id}, ${created.user.role}). One-time password:`);
    write(created.password);
    return;
  }
  const user = await findAccount(store, name);
  if (command === 'sessions') {
    for (const session of await store.listSessions(user.id, limits.maxSessionsPerUser)) {
      const when = (ms: number) => new Date(ms).toISOString();
      write([session.id, session.device || '-', when(session.createdAt), when(session.lastUsedAt)].join('\t'));
    }
    return;
  }
  const outcome = await applyAction(deps, user.id, command);
  if (outcome.kind === 'unknown') throw new CommandFailed(`There is no account named "${name}".`);
  if (outcome.kind === 'last-admin') {
    throw new CommandFailed(`${user.name} is the last active administrator; promote someone else first.`);
  }
  if (outcome.password !== undefined) {
    write(`${user.name}'s sessions have ended. One-time password:`);
    write(outcome.password);
    return;
  }
  write(`${user.name} ${done[command as keyof typeof done]}.`);
}

function checkedName(name: string): string {
  try {
    return parse.adminNewUser({ name }).name;
  } catch (error) {
    if (error instanceof ProtocolError) throw new CommandFailed(error.message);
    throw error;
  }
}

async function findAccount(store: Store, name: string): Promise<ManagedUser> {
  const user = await store.findAccount(nameKey(name));
  if (!user) throw new CommandFailed(`There is no account named "${name}".`);
  return user;
}
