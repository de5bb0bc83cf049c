// Fakes of the Electron objects the desktop services use: a tray, menus, images, native
// notifications and a window. Each records what was done to it, as a user would see it.
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopPieces } from '../../../../main/electron/desktop/desktop.js';
import type {
  AttentionWindow,
  NotificationLike,
  NotificationOptions,
} from '../../../../main/electron/desktop/notifier.js';
import type { TrayIcon } from '../../../../main/electron/desktop/tray-icons.js';
import type { TrayLike } from '../../../../main/electron/desktop/tray-service.js';
import type { OverlayWindow } from '../../../../main/electron/desktop/unread-badge.js';

/** A NativeImage stand-in: which icon it was loaded as. */
export interface FakeImage {
  icon: TrayIcon | 'overlay';
}

export interface FakeMenu {
  template: MenuItemConstructorOptions[];
}

export class FakeTray implements TrayLike<FakeImage, FakeMenu> {
  image: FakeImage;
  toolTip = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  private readonly events = new EventEmitter();

  constructor(image: FakeImage) {
    this.image = image;
  }
  setImage(image: FakeImage): void {
    this.image = image;
  }
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }
  setContextMenu(menu: FakeMenu): void {
    this.menu = menu;
  }
  on(event: 'click', listener: () => void): this {
    this.events.on(event, listener);
    return this;
  }
  destroy(): void {
    this.destroyed = true;
  }

  /** The user clicks the icon itself. */
  click(): void {
    this.events.emit('click');
  }
  /** What the context menu shows, one line per item; "---" for a separator. */
  get labels(): string[] {
    return (this.menu?.template ?? []).map((item) => (item.type === 'separator' ? '---' : (item.label ?? '')));
  }
  item(label: string): MenuItemConstructorOptions {
    const found = this.menu?.template.find((entry) => entry.label === label);
    if (!found) throw new Error(`no menu item "${label}" in ${JSON.stringify(this.labels)}`);
    return found;
  }
  /** The user picks a menu item. */
  choose(label: string): void {
    const item = this.item(label);
    if (item.enabled === false) throw new Error(`"${label}" is disabled`);
    item.click?.({} as never, undefined, {});
  }
}

export class FakeNotification implements NotificationLike {
  shown = false;
  private readonly events = new EventEmitter();
  constructor(readonly options: NotificationOptions) {}
  on(event: 'click' | 'close' | 'failed', listener: () => void): this {
    this.events.on(event, listener);
    return this;
  }
  show(): void {
    this.shown = true;
  }
  click(): void {
    this.events.emit('click');
  }
  dismiss(): void {
    this.events.emit('close');
  }
}

/** A BrowserWindow as far as attention goes: focus, visibility, frame flashing, overlay. */
export class FakeWindow implements AttentionWindow, OverlayWindow<FakeImage> {
  visible = true;
  focused = false;
  destroyed = false;
  flashing = false;
  overlay: { image: FakeImage | null; description: string } | null = null;
  readonly calls: string[] = [];
  private readonly events = new EventEmitter();

  isDestroyed(): boolean {
    return this.destroyed;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isFocused(): boolean {
    return this.focused;
  }
  flashFrame(flag: boolean): void {
    this.flashing = flag;
    this.calls.push(`flashFrame(${flag})`);
  }
  once(event: 'focus', listener: () => void): this {
    this.events.once(event, listener);
    return this;
  }
  setOverlayIcon(image: FakeImage | null, description: string): void {
    this.overlay = { image, description };
  }
  /** What bringToFront does to a real window. */
  bringToFront(): void {
    this.calls.push('show', 'focus');
    this.visible = true;
    this.focus();
  }
  focus(): void {
    this.focused = true;
    this.events.emit('focus');
  }
}

/** Every Electron piece of the desktop, faked, with what happened to them. */
export function fakeDesktop(
  platform: string,
  options: { notificationsSupported?: boolean; isPackaged?: boolean } = {},
) {
  const made = {
    trays: [] as FakeTray[],
    notifications: [] as FakeNotification[],
    badgeCounts: [] as number[],
    bounces: 0,
    loginItems: [] as Array<{ openAtLogin: boolean }>,
    window: new FakeWindow() as FakeWindow | null,
    loadedIcons: [] as Array<TrayIcon | 'overlay'>,
  };
  const pieces: DesktopPieces<FakeImage, FakeMenu> = {
    platform,
    tray: {
      createTray: (image) => {
        const tray = new FakeTray(image);
        made.trays.push(tray);
        return tray;
      },
      buildMenu: (template) => ({ template }),
      loadIcon: (icon) => {
        made.loadedIcons.push(icon);
        return { icon };
      },
    },
    badge: {
      setBadgeCount: (count) => {
        made.badgeCounts.push(count);
        return platform === 'darwin';
      },
      loadOverlay: () => {
        made.loadedIcons.push('overlay');
        return { icon: 'overlay' };
      },
      getWindow: () => made.window,
    },
    notifier: {
      isSupported: () => options.notificationsSupported ?? true,
      createNotification: (notificationOptions) => {
        const notification = new FakeNotification(notificationOptions);
        made.notifications.push(notification);
        return notification;
      },
      bounceDock: () => {
        made.bounces += 1;
      },
      getWindow: () => made.window,
    },
    loginItem: {
      isPackaged: options.isPackaged ?? true,
      setLoginItemSettings: (settings) => made.loginItems.push(settings),
    },
  };
  return { pieces, made };
}
