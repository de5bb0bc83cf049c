// Node runtime, no Electron. The signed-in user's own account as this profile keeps it: saved
// in account.json and announced to the window whenever the server tells something new about
// the user themself (a role, a photo, a name).
import type { Account, MessengerEvents, Role } from '../../ipc/contract.js';
import type { Logger } from '../log/logger.js';
import type { AccountFile } from '../profile.js';
import type { JsonDoc } from '../storage/json-doc.js';

type AnnounceAccount = (account: Account | null) => void;

export class OwnAccount {
  private renaming: Promise<void> = Promise.resolve();

  constructor(
    private readonly doc: JsonDoc<AccountFile>,
    private readonly announce: AnnounceAccount,
    private readonly logger: Logger,
  ) {}

  get current(): Account | null {
    return this.doc.data.account;
  }

  /** Saves (null: signed out) and tells the window. */
  async save(account: Account | null): Promise<void> {
    await this.doc.update({ version: 1, account });
    this.announce(account);
  }

  /**
   * The signed-in user as the server tells it: a role given or taken (by an admin, or the CLI;
   * seen at the next reconnect), a new photo (absent: none). Saved and announced when it differs.
   */
  async keepUser(told: { role?: Role; avatar: string | undefined }): Promise<void> {
    const account = this.current;
    if (!account) return;
    const { avatar: _old, ...user } = account.user;
    const next = {
      ...user,
      ...(told.role ? { role: told.role } : {}),
      ...(told.avatar ? { avatar: told.avatar } : {}),
    };
    if (next.role === account.user.role && next.avatar === account.user.avatar) return;
    await this.save({ ...account, user: next });
  }

  /**
   * The user's own new name, from their rename or from the server's `user:updated`: both may
   * come at once, so they take turns and the second finds the name already saved and told.
   */
  renamed(name: string): Promise<void> {
    const turn = this.renaming.then(() => this.saveName(name));
    // The caller gets the failure from `turn`; the turns only need to go on after it.
    this.renaming = turn.catch(() => undefined);
    return turn;
  }

  /** A `user:updated` about the signed-in user themself: the account shown takes its name and photo. */
  async userUpdated({ id, name, deleted, avatar }: MessengerEvents['userUpdated']): Promise<void> {
    if (deleted || id !== this.current?.user.id) return;
    await this.renamed(name).catch((error: unknown) => this.logger.caught('saving the new name', error));
    await this.keepUser({ avatar }).catch((error: unknown) => this.logger.caught('saving the new photo', error));
  }

  private async saveName(name: string): Promise<void> {
    const account = this.current;
    if (!account || account.user.name === name) return;
    await this.save({ ...account, user: { ...account.user, name } });
  }
}
