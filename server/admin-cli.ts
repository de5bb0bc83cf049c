// `npm run admin -- <command>`: the administrator's tooling, on the same data as the server
// (--data / --db-url and their environment variables, read as `npm run server` reads them).
// Its result is the last line of stdout (adminUsage lists the commands). A change to someone's
// access is logged, and every running node acts on it within a second (accounts/access-watch.ts).
import { createInvite } from './accounts/invites.js';
import { ConfigError, readConfig } from './config.js';
import { PostgresStore } from './store/postgres/postgres-store.js';
import { SqliteStore } from './store/sqlite/sqlite-store.js';
import type { Store } from './store/store.js';
import {
  accountCommands,
  CommandFailed,
  listAccounts,
  runAccountCommand,
  type AccountCommand,
} from './admin/account-commands.js';

export const adminUsage = [
  'Usage: npm run admin -- <command> [options] [--data DIR | --db-url URL]',
  '  invite [--uses N] [--expires D]  make an invite code for N accounts (default 1) that expires',
  '                                   after D (30m, 12h, 7d; default never); prints the code last',
  '  users                            list every account: id, name, role, state (active or',
  '                                   deactivated) and last seen (or never), tab-separated',
  '  create-user NAME                 make an account; prints its one-time password last',
  '  reset-password NAME              give NAME a new one-time password (printed last) and end',
  '                                   their sessions',
  "  deactivate NAME                  end NAME's sessions and refuse their sign-ins",
  '  reactivate NAME                  let a deactivated NAME sign in again',
  '  promote NAME / demote NAME       make NAME an administrator / a member',
  "  sessions NAME                    list NAME's sessions: id, device, created, last used",
  'A running server acts on these within a second. An unknown NAME, or leaving no active',
  'administrator, fails with exit status 1.',
].join('\n');

const unitMs = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

interface InviteOptions {
  uses: number;
  expiresInMs?: number;
}

/** Takes the command's own options out of argv; what is left are the server's settings. */
function inviteOptions(argv: string[]): { options: InviteOptions; rest: string[] } {
  const options: InviteOptions = { uses: 1 };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag !== '--uses' && flag !== '--expires') {
      rest.push(argv[i]!);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ConfigError(`${flag} needs a value.`);
    if (flag === '--uses') {
      if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1_000_000)
        throw new ConfigError(`--uses must be a whole number from 1 to 1000000, not "${value}".`);
      options.uses = Number(value);
    } else {
      const match = /^(\d+)([mhd])$/.exec(value);
      if (!match || Number(match[1]) < 1 || Number(match[1]) > 100_000)
        throw new ConfigError(
          `--expires must be a number of minutes, hours or days such as 30m, 12h or 7d, not "${value}".`,
        );
      options.expiresInMs = Number(match[1]) * unitMs[match[2] as keyof typeof unitMs];
    }
  }
  return { options, rest };
}

async function openStore(argv: string[]): Promise<Store> {
  const { dataDir, dbUrl } = readConfig(argv, process.env);
  return dbUrl ? PostgresStore.open(dbUrl) : new SqliteStore(dataDir);
}

async function main(): Promise<void> {
  const [command, ...argv] = process.argv.slice(2);
  if (command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(`${adminUsage}\n`);
    return;
  }
  if (command === 'invite') {
    const { options, rest } = inviteOptions(argv);
    const store = await openStore(rest);
    try {
      const now = Date.now();
      const expiresAt = options.expiresInMs === undefined ? undefined : now + options.expiresInMs;
      const code = await createInvite(store, { uses: options.uses, now, ...(expiresAt ? { expiresAt } : {}) });
      const until = expiresAt === undefined ? 'never expires' : `expires ${new Date(expiresAt).toISOString()}`;
      process.stdout.write(`Invite for ${options.uses} account(s); ${until}. Code:\n${code}\n`);
    } finally {
      await store.close();
    }
    return;
  }
  if (command === 'users') {
    const store = await openStore(argv);
    try {
      await listAccounts(store, write);
    } finally {
      await store.close();
    }
    return;
  }
  if ((accountCommands as readonly string[]).includes(command)) {
    // The name comes first; the rest are the server's settings.
    const [name, ...rest] = argv;
    if (name === undefined || name.startsWith('--')) throw new ConfigError(`${command} needs the name of an account.`);
    const store = await openStore(rest);
    try {
      await runAccountCommand(store, command as AccountCommand, name, write);
    } finally {
      await store.close();
    }
    return;
  }
  throw new ConfigError(`Unknown command ${command}.`);
}

function write(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n\n${adminUsage}\n`);
    process.exit(2);
  }
  if (error instanceof CommandFailed) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`Failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
