// Node runtime, no Electron. What the core knows about the shell around it: what it can do,
// where the app's own update stands, and whether the server said it is going away. The
// shell passes its hooks in; the renderer hears every change as an event.
import {
  noDesktopFeatures,
  type DesktopFeatures,
  type ServerNotice,
  type UpdateStatus,
} from '../../ipc/desktop-contract.js';
import type { MessengerEvents } from '../../ipc/contract.js';
import { failure } from '../failure.js';

/** What a shell lends the core; a bare core (tests, tools) has none of it. */
export interface ShellHooks {
  features: DesktopFeatures;
  /** Opens a checked http(s) or mailto URL with the system's browser or mail app. */
  openLink(url: string): Promise<void>;
  /** Quits and installs the downloaded update; only asked while the status is `ready`. */
  restartToUpdate?(): void;
}

type ShellEmit = <E extends 'update' | 'serverNotice'>(event: E, payload: MessengerEvents[E]) => void;

/** Only links a browser or mail app should get: never file:, javascript: or the app's own scheme. */
const linkSchemes = new Set(['http:', 'https:', 'mailto:']);

export class ShellState {
  private update: UpdateStatus = { state: 'idle' };
  private notice: ServerNotice | null = null;

  constructor(
    private readonly hooks: ShellHooks | undefined,
    private readonly emit: ShellEmit,
  ) {}

  get features(): DesktopFeatures {
    return this.hooks?.features ?? noDesktopFeatures;
  }

  get updateStatus(): UpdateStatus {
    return this.update;
  }

  get serverNotice(): ServerNotice | null {
    return this.notice;
  }

  async openLink(url: string): Promise<void> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw failure('bad_request', 'That is not a link.');
    }
    if (!linkSchemes.has(parsed.protocol)) throw failure('bad_request', 'Only web and mail links open from a message.');
    if (!this.hooks) throw failure('bad_request', 'Links cannot be opened here.');
    await this.hooks.openLink(parsed.href);
  }

  async restartToUpdate(): Promise<void> {
    if (this.update.state !== 'ready' || !this.hooks?.restartToUpdate)
      throw failure('conflict', 'No update is ready to install.');
    this.hooks.restartToUpdate();
  }

  setUpdateStatus(status: UpdateStatus): void {
    this.update = status;
    this.emit('update', status);
  }

  /** The server's `server:closing`, or null once connected again. */
  setServerNotice(notice: ServerNotice | null): void {
    if (notice === null && this.notice === null) return;
    this.notice = notice;
    this.emit('serverNotice', notice);
  }
}
