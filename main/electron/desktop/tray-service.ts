// Electron main runtime, type-only electron import: the tray icon and its menu. It takes its
// Electron pieces (tray, menu, images) as constructor arguments for testing, keeps one small
// state, and redraws everything from render().
import type { MenuItemConstructorOptions } from 'electron';
import { stringsFor, type Language } from '../../core/notify/desktop-strings.js';
import { trayIconFor, type TrayIcon } from './tray-icons.js';

export interface TrayState {
  unreadTotal: number;
  /** The notification policy's tooltip, e.g. "Messenger — 3 unread messages". */
  tooltip: string;
  doNotDisturb: boolean;
  /** When a timed Do not disturb ends (ms); null: until turned off. */
  doNotDisturbUntil: number | null;
  language: Language;
}

/** The parts of an Electron Tray the service uses. */
export interface TrayLike<Image, Menu> {
  setImage(image: Image): void;
  setToolTip(toolTip: string): void;
  setContextMenu(menu: Menu): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayPieces<Image, Menu> {
  platform: string;
  createTray(image: Image): TrayLike<Image, Menu>;
  /** Menu.buildFromTemplate. */
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  loadIcon(icon: TrayIcon): Image;
}

export interface TrayActions {
  /** Show and focus the window. */
  open(): void;
  quit(): void;
  /** On until turned off, or off. */
  setDoNotDisturb(on: boolean): void;
  /** On until tomorrow 8:00 local time. */
  doNotDisturbUntilTomorrow(): void;
}

export class TrayService<Image, Menu> {
  private state: TrayState;
  private readonly tray: TrayLike<Image, Menu>;
  private readonly icons = new Map<TrayIcon, Image>();
  private destroyed = false;

  constructor(
    private readonly pieces: TrayPieces<Image, Menu>,
    private readonly actions: TrayActions,
    initial: TrayState,
  ) {
    this.state = { ...initial };
    this.tray = pieces.createTray(this.icon(trayIconFor(pieces.platform, initial.unreadTotal > 0)));
    // Windows and Linux: a click on the icon opens the window. macOS shows the menu on click
    // and (since Electron 9) emits 'click' as well: there the menu's Open is the way back.
    if (pieces.platform !== 'darwin') this.tray.on('click', () => this.actions.open());
    this.render();
  }

  get current(): Readonly<TrayState> {
    return this.state;
  }

  update(changes: Partial<TrayState>): void {
    const next = { ...this.state, ...changes };
    const same = (Object.keys(next) as Array<keyof TrayState>).every((key) => next[key] === this.state[key]);
    if (same || this.destroyed) return;
    this.state = next;
    this.render();
  }

  render(): void {
    const { unreadTotal, tooltip, doNotDisturb, doNotDisturbUntil, language } = this.state;
    const words = stringsFor(language);
    const timed = doNotDisturb && doNotDisturbUntil !== null;
    this.tray.setImage(this.icon(trayIconFor(this.pieces.platform, unreadTotal > 0)));
    this.tray.setToolTip(tooltip);
    // A new menu every time: Linux only picks up changed items through setContextMenu.
    this.tray.setContextMenu(
      this.pieces.buildMenu([
        { id: 'open', label: words.open, click: () => this.actions.open() },
        { id: 'unread', label: words.unread(unreadTotal), enabled: false },
        {
          id: 'doNotDisturb',
          label: words.doNotDisturb,
          type: 'checkbox',
          checked: doNotDisturb,
          click: () => this.actions.setDoNotDisturb(!doNotDisturb),
        },
        {
          id: 'doNotDisturbUntilTomorrow',
          label: words.doNotDisturbUntilTomorrow,
          type: 'checkbox',
          checked: timed,
          // Checked, it is a way to turn Do not disturb off like the item above.
          click: () => (timed ? this.actions.setDoNotDisturb(false) : this.actions.doNotDisturbUntilTomorrow()),
        },
        { type: 'separator' },
        { id: 'quit', label: words.quit, click: () => this.actions.quit() },
      ]),
    );
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.tray.destroy();
  }

  private icon(name: TrayIcon): Image {
    let image = this.icons.get(name);
    if (image === undefined) {
      image = this.pieces.loadIcon(name);
      this.icons.set(name, image);
    }
    return image;
  }
}
