// Node runtime, no Electron. The client core a shell adapts: one profile's account, settings
// and signed-in user's chats, requests taken through one dispatch, every change pushed out
// as an event.
import {
  type Account,
  type AccountInfo,
  type LogoutInput,
  type MessengerEvents,
  type MessengerRequests,
  type OutboxRecovery,
  type ProblemReport,
  type Settings,
  type SignInInput,
  type Snapshot,
  type SendInput,
  type ChatMessage,
} from '../ipc/contract.js';
import { rm } from 'node:fs/promises';
import type { Attachment } from '../../protocol/contract.js';
import type { AccountRequests as SelfRequests } from '../ipc/account-contract.js';
import * as auth from './account/auth-api.js';
import { deviceLabel } from './account/device-label.js';
import { selfService } from './account/self-service.js';
import type { Authorized } from './admin/server-http.js';
import { encryptedVault, plainFileVault, type TokenEncryption, type TokenVault } from './account/token-vault.js';
import { createDispatch, type Dispatch } from './api/dispatch.js';
import { failure } from './failure.js';
import { ProblemReports } from './api/problem-reports.js';
import type { Attention, DesktopFiles, DesktopNotification, EventListener, ServedFile, ShellBridge } from './bridge.js';
import { openChatCache } from './cache/chat-cache.js';
import { ChatSession, type Emit } from './chats/chat-session.js';
import type { Logger } from './log/logger.js';
import { stderrLogger } from './log/profile-log.js';
import { attention, notificationFor } from './notify/policy.js';
import { realCoreTimers, type CoreTimers } from './notify/do-not-disturb-end.js';
import { ProfileSettings } from './settings/profile-settings.js';
import { defaultCacheCapBytes } from './files/file-cache.js';
import { FileService } from './files/file-service.js';
import { downloadsOnly } from './files/save-copy.js';
import { sendStaged } from './files/send-staged.js';
import { Outbox } from './outbox/outbox.js';
import { Drafts } from './chats/drafts.js';
import { AccountApi } from './account/account-api.js';
import { OwnAccount } from './account/own-account.js';
import type { DraftInput } from '../ipc/messages-contract.js';
import { accountFile, profilePaths, type AccountFile, type ProfilePaths } from './profile.js';
import { openJsonDoc } from './storage/json-doc.js';
import { keepPrivate } from './storage/private-files.js';
import { ShellState, type ShellHooks } from './shell/shell-state.js';
import type { UpdateStatus } from '../ipc/desktop-contract.js';

export interface CoreOptions {
  /** One folder per profile: account, settings, outbox and cache live under it. */
  profileDir: string;
  /** Pre-filled on the sign-in screen, e.g. http://127.0.0.1:4860. */
  defaultServerUrl: string;
  /** Electron's safeStorage; the Chromium shell passes none and the token is kept in a plain file. */
  encryption?: TokenEncryption;
  now?: () => number;
  /** The timers behind `now` (a timed Do not disturb ends on one); real ones by default. */
  timers?: CoreTimers;
  /**
   * Where the core writes what failed and what it set aside: a shell passes the profile's log
   * (log/profile-log.ts); stderr by default.
   */
  logger?: Logger;
  /** Shown in Settings → About. */
  appVersion?: string;
  /** Open and Save as… on this desktop; by default Save as… copies into Downloads and Open is refused. */
  desktop?: DesktopFiles;
  /** The size cap of the profile's file cache (1 GiB by default). */
  fileCacheBytes?: number;
  /** What the shell can do, and its links and updates; none in a bare core. */
  shell?: ShellHooks;
}

interface CoreDeps {
  paths: ProfilePaths;
  defaultServerUrl: string;
  vault: TokenVault;
  now: () => number;
  logger: Logger;
  appVersion: string;
  timers: CoreTimers;
}

type AccountRequests = Pick<
  MessengerRequests,
  'register' | 'login' | 'logout' | 'snapshot' | 'updateSettings' | 'reportProblem' | 'accountInfo'
>;

/** What a shell adapts: the profile's account and settings, and the signed-in user's chats. */
export class MessengerCore implements ShellBridge, AccountRequests {
  readonly request: Dispatch = createDispatch(this);
  /** The signed-in user's own account: password, name, sessions, leaving. */
  readonly self: SelfRequests = selfService({
    signedIn: () => (this.account && this.token ? { account: this.account, token: this.token } : null),
    sessionEnded: () => this.session?.sessionEnded(),
    renamed: (name) => this.own.renamed(name),
    accountDeleted: () => this.logout({ removeCache: true }),
  });
  private session: ChatSession | null = null;
  /** The signed-in user's unsent texts. */
  private drafts: Drafts | null = null;
  /** The signed-in session's token, while there is one. */
  private token: string | null = null;
  /** Set when this session's outbox was damaged: the window tells the user until sign-out. */
  private outboxRecovery: OutboxRecovery | null = null;
  private windowFocused = true;
  private readonly listeners = new Set<EventListener>();
  private readonly attentionListeners = new Set<(attention: Attention) => void>();
  private readonly notifyListeners = new Set<(notification: DesktopNotification) => void>();
  private readonly problems: ProblemReports;
  /** Staging, the file cache, open and save, avatars. */
  files!: FileService;
  /** The shell's features, links, the app's update and the server's closing notice. */
  shell!: ShellState;

  private constructor(
    private readonly deps: CoreDeps,
    private readonly own: OwnAccount,
    private readonly profileSettings: ProfileSettings,
  ) {
    this.problems = new ProblemReports(deps.logger);
  }

  /** Opens the profile; a signed-in user sees their cached chats at once, online or not. */
  static async open(options: CoreOptions): Promise<MessengerCore> {
    const paths = profilePaths(options.profileDir);
    const logger = options.logger ?? stderrLogger;
    await keepPrivate(options.profileDir, logger);
    const deps: CoreDeps = {
      paths,
      vault: options.encryption
        ? encryptedVault(paths.token, options.encryption, logger)
        : plainFileVault(paths.token, logger),
      defaultServerUrl: options.defaultServerUrl,
      now: options.now ?? Date.now,
      logger,
      appVersion: options.appVersion ?? 'development',
      timers: options.timers ?? realCoreTimers,
    };
    const accountDoc = await openJsonDoc(
      deps.paths.account,
      accountFile,
      (): AccountFile => ({ version: 1, account: null }),
      { kind: 'account', logger },
    );
    const settings = await ProfileSettings.open({
      file: deps.paths.settings,
      timers: deps.timers,
      now: deps.now,
      changed: (changed) => core.settingsChanged(changed),
      logger,
    });
    const own = new OwnAccount(accountDoc, (account) => core.emit('account', account), logger);
    const core = new MessengerCore(deps, own, settings);
    core.shell = new ShellState(options.shell, (event, payload) => core.emit(event, payload));
    await settings.endDoNotDisturbIfOver();
    core.files = await FileService.open({
      paths,
      signedIn: () => (core.account && core.token ? { serverUrl: core.account.serverUrl, token: core.token } : null),
      outboxImage: (sha256) => core.session?.outboxImage(sha256) ?? null,
      emit: (event, payload) => core.emit(event, payload),
      desktop: options.desktop ?? downloadsOnly,
      cacheCapBytes: options.fileCacheBytes ?? defaultCacheCapBytes,
      now: deps.now,
      logger,
    });
    const account = accountDoc.data.account;
    const token = account ? await deps.vault.load() : null;
    if (account && token) await core.startSession(account, token);
    return core;
  }

  get logger(): Logger {
    return this.deps.logger;
  }

  /** The signed-in user's chats; null when signed out. */
  get chatSession(): ChatSession | null {
    return this.session;
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  onAttention(listener: (attention: Attention) => void): () => void {
    this.attentionListeners.add(listener);
    return () => this.attentionListeners.delete(listener);
  }
  onNotify(listener: (notification: DesktopNotification) => void): () => void {
    this.notifyListeners.add(listener);
    return () => this.notifyListeners.delete(listener);
  }
  setWindowFocused(focused: boolean): void {
    this.windowFocused = focused;
    // Timers stand still while the computer sleeps: back at the window, an end passed meanwhile shows at once.
    if (focused)
      this.profileSettings
        .endDoNotDisturbIfOver()
        .catch((error: unknown) => this.deps.logger.caught('ending Do not disturb', error));
  }
  showChat(who: number): void {
    this.emit('showChat', { who });
  }
  setUpdateStatus(status: UpdateStatus): void {
    this.shell.setUpdateStatus(status);
  }

  async register(input: SignInInput): Promise<Account> {
    return this.signIn(input, await auth.register(input.serverUrl, { ...input, device: deviceLabel() }));
  }

  async login(input: SignInInput): Promise<Account> {
    return this.signIn(input, await auth.login(input.serverUrl, { ...input, device: deviceLabel() }));
  }

  async logout(input?: LogoutInput): Promise<void> {
    const account = this.account;
    const token = await this.deps.vault.load();
    const session = this.session;
    this.stopSession();
    await this.files.signedOut(input?.removeCache === true);
    if (account && input?.removeCache) await this.removeCache(account, session);
    await this.deps.vault.clear();
    await this.own.save(null);
    this.emit('connection', 'signed-out');
    this.emit('chats', []);
    this.deps.logger.info('signed out');
    // Ending the token on the server is best effort: signing out works offline too.
    if (account && token) {
      await auth
        .logout(account.serverUrl, token)
        .catch((error: unknown) => this.deps.logger.caught('ending the session on the server', error));
    }
  }

  async snapshot(): Promise<Snapshot> {
    const chats = this.session?.chats ?? [];
    return {
      account: this.account,
      defaultServerUrl: this.deps.defaultServerUrl,
      connection: this.session?.connection.state ?? 'signed-out',
      chats,
      unreadTotal: this.attention().unreadTotal,
      settings: this.settings,
      about: { version: this.deps.appVersion, logFile: this.deps.paths.log, sessionKept: this.deps.vault.protection() },
      outboxRecovery: this.outboxRecovery,
      deletedUsers: this.session?.deletedPeers ?? [],
      drafts: this.drafts?.all ?? {},
      outbox: this.session?.unsentByChat() ?? {},
      desktop: this.shell.features,
      update: this.shell.updateStatus,
      serverNotice: this.shell.serverNotice,
    };
  }

  /** A message, with the staged files it names (they move into the outbox and are staged no more). */
  async send(input: SendInput): Promise<ChatMessage> {
    if (!this.session) throw failure('signed_out', 'Sign in first.');
    const message = await sendStaged(this.session, this.files.staged, input);
    await this.drafts?.save(input.to, '');
    return message;
  }

  async saveDraft({ who, text }: DraftInput): Promise<void> {
    if (!this.drafts) throw failure('signed_out', 'Sign in first.');
    await this.drafts.save(who, text);
  }

  servedFile(urlPath: string): Promise<ServedFile | null> {
    return this.files.servedFile(urlPath);
  }

  async reportProblem(report: ProblemReport): Promise<void> {
    this.problems.report(report);
  }

  /** Read receipts are the account's, on the server: changed there first, so every device agrees. */
  async updateSettings(changes: Partial<Settings>): Promise<Settings> {
    if (changes.readReceipts !== undefined && changes.readReceipts !== this.settings.readReceipts) {
      const signedIn = this.account && this.token ? { account: this.account, token: this.token } : null;
      if (signedIn) {
        const api = new AccountApi(signedIn.account.serverUrl, signedIn.token);
        await api.saveSettings({ readReceipts: changes.readReceipts });
      }
    }
    return this.profileSettings.keep(changes);
  }

  private settingsChanged(settings: Settings): void {
    this.emit('settings', settings);
    this.emitAttention();
  }

  /** Who the server says is signed in; the role and photo it gives are kept and announced. */
  async accountInfo(): Promise<AccountInfo> {
    const info = await this.self.accountInfo();
    if (info.id !== this.account?.user.id) return info;
    await this.own.keepUser({ role: info.role, avatar: info.avatar });
    const { readReceipts } = info;
    if (readReceipts !== undefined && readReceipts !== this.settings.readReceipts)
      await this.profileSettings.keep({ readReceipts });
    return info;
  }

  async close(): Promise<void> {
    const session = this.session;
    this.stopSession();
    this.problems.stop();
    this.profileSettings.close();
    // What the session had already taken reaches the disk before the profile is let go.
    await session?.settled();
  }

  private get account(): Account | null {
    return this.own.current;
  }

  private get settings(): Settings {
    return this.profileSettings.current;
  }

  /** The signed-in user's server and token, for the HTTP requests of Settings → Admin. */
  async authorized(): Promise<Authorized> {
    const account = this.account;
    const token = this.session ? await this.deps.vault.load() : null;
    if (!account || !token) throw failure('signed_out', 'Sign in first.');
    return { serverUrl: account.serverUrl, token };
  }

  private refreshRole(): void {
    // Best effort: an older server has no /api/account, and a failed call changes nothing.
    this.accountInfo().catch((error: unknown) => this.deps.logger.caught('reading the account role', error));
  }

  private async signIn(input: SignInInput, session: auth.Session): Promise<Account> {
    const account: Account = { serverUrl: input.serverUrl, user: session.user };
    this.stopSession();
    await this.deps.vault.save(session.token);
    await this.own.save(account);
    await this.startSession(account, session.token);
    return account;
  }

  private async startSession(account: Account, token: string): Promise<void> {
    this.token = token;
    const dir = this.deps.paths.userDir(account.serverUrl, account.user.id);
    const { logger } = this.deps;
    // A recalled message's files are no longer shown from this computer.
    const erased = (attachments: Attachment[]) =>
      void this.files.cache
        .remove(new Set(attachments.map((a) => a.sha256)))
        .catch((error: unknown) => logger.caught('removing the files of a recalled message', error));
    const [cache, outbox, drafts] = await Promise.all([
      openChatCache(dir, logger, erased),
      Outbox.open(dir, logger),
      Drafts.open(dir, logger),
    ]);
    this.drafts = drafts;
    this.outboxRecovery = outbox.recovery;
    if (outbox.recovery) this.emit('outboxRecovery', outbox.recovery);
    const emit: Emit = (event, payload) => {
      this.emit(event, payload);
      if (event === 'chats') this.emitAttention();
      if (event === 'userUpdated') void this.own.userUpdated(payload as MessengerEvents['userUpdated']);
      if (event === 'connection' && payload === 'online') this.refreshRole();
    };
    this.session = new ChatSession({
      account,
      token,
      cache,
      outbox,
      emit,
      now: this.deps.now,
      logger,
      timers: this.deps.timers,
      keepSentFiles: (item, fileOf) => this.files.keepSent(item, fileOf),
      serverNotice: (closing) => this.shell.setServerNotice(closing && { ...closing, at: this.deps.now() }),
      arrived: (incoming) => {
        const notification = notificationFor(this.attentionState(), incoming);
        if (notification) for (const listener of this.notifyListeners) listener(notification);
      },
    });
    logger.info(`session started for user ${account.user.id} on ${new URL(account.serverUrl).host}`);
    this.emit('chats', this.session.chats);
    // A window already open (signing in) shows what waits in the outbox in the chat list at once;
    // one opening later has it in the snapshot.
    for (const [who, messages] of Object.entries(this.session.unsentByChat())) {
      this.emit('messages', { who: Number(who), messages });
    }
    this.emitAttention();
    this.session.start();
  }

  /** Deletes the folder of the account's chats and outbox, once nothing more is written to it. */
  private async removeCache(account: Account, stopped: ChatSession | null): Promise<void> {
    await stopped?.settled();
    await rm(this.deps.paths.userDir(account.serverUrl, account.user.id), { recursive: true, force: true });
    this.deps.logger.info(`removed the cache of user ${account.user.id} on ${new URL(account.serverUrl).host}`);
  }

  private stopSession(): void {
    this.session?.stop();
    this.session = null;
    this.drafts = null;
    this.token = null;
    if (this.outboxRecovery) {
      this.outboxRecovery = null;
      this.emit('outboxRecovery', null);
    }
  }

  private attentionState() {
    return {
      me: this.account?.user.id ?? null,
      chats: this.session?.chats ?? [],
      viewing: this.session?.viewedChat ?? null,
      windowFocused: this.windowFocused,
      settings: this.settings,
      now: this.deps.now(),
    };
  }

  private attention(): Attention {
    return attention(this.attentionState());
  }

  private emitAttention(): void {
    const now = this.attention();
    this.emit('unreadTotal', now.unreadTotal);
    for (const listener of this.attentionListeners) listener(now);
  }

  private emit: Emit = (event, payload) => {
    for (const listener of this.listeners) listener(event, payload);
  };
}
