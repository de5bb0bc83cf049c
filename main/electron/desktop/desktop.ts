// Electron main runtime, no electron import: the thin adapter between the core and the
// desktop. The core's notification policy decides; this only routes its attention updates,
// notifications and settings to the tray, the badge, the notifier and the login item.
import type { ShellBridge } from '../../core/bridge.js';
import { tooltip } from '../../core/notify/policy.js';
import type { Settings, Snapshot } from '../../ipc/contract.js';
import { tomorrowAt } from '../../ipc/local-time.js';
import { Notifier, type NotifierPieces } from './notifier.js';
import { StartAtLogin, type LoginItemPieces } from './start-at-login.js';
import { TrayService, type TrayPieces } from './tray-service.js';
import { UnreadBadge, type BadgePieces } from './unread-badge.js';

export type DesktopBridge = Pick<ShellBridge, 'request' | 'subscribe' | 'onAttention' | 'onNotify' | 'showChat'>;

/** The Electron side of each service; main.ts builds them from Electron, tests from fakes. */
export interface DesktopPieces<Image, Menu> {
  platform: string;
  tray: Omit<TrayPieces<Image, Menu>, 'platform'>;
  badge: Omit<BadgePieces<Image>, 'platform'>;
  notifier: Omit<NotifierPieces, 'platform'>;
  loginItem: Omit<LoginItemPieces, 'platform'>;
  /** The clock "until tomorrow 8:00" counts from; Date.now by default. */
  now?: () => number;
}

/** The hour a Do not disturb "until tomorrow" ends, local time. */
export const morningHour = 8;

export interface WindowActions {
  /** Show, restore and focus the window, creating it if it was closed. */
  showWindow: () => void;
  /** Really quit: the window closes instead of hiding. */
  quit: () => void;
}

export interface Desktop<Image, Menu> {
  readonly tray: TrayService<Image, Menu>;
  readonly notifier: Notifier;
  /** A new window starts without the Windows taskbar overlay: put it back. */
  windowCreated(): void;
  dispose(): void;
}

export function startDesktop<Image, Menu>(
  bridge: DesktopBridge,
  pieces: DesktopPieces<Image, Menu>,
  actions: WindowActions,
  initial: Pick<Snapshot, 'unreadTotal' | 'settings'>,
): Desktop<Image, Menu> {
  const { platform } = pieces;
  const now = pieces.now ?? Date.now;
  const tray: TrayService<Image, Menu> = new TrayService(
    { platform, ...pieces.tray },
    {
      open: actions.showWindow,
      quit: actions.quit,
      // Through the core like any settings change, so the renderer's settings follow.
      setDoNotDisturb: (doNotDisturb) => changeDoNotDisturb({ doNotDisturb, doNotDisturbUntil: null }),
      doNotDisturbUntilTomorrow: () =>
        changeDoNotDisturb({ doNotDisturb: true, doNotDisturbUntil: tomorrowAt(morningHour, now()) }),
    },
    {
      unreadTotal: initial.unreadTotal,
      tooltip: tooltip(initial.unreadTotal, initial.settings.language),
      ...doNotDisturbOf(initial.settings),
    },
  );
  // Through the core like any settings change, so the renderer's settings follow.
  const changeDoNotDisturb = (changes: Pick<Settings, 'doNotDisturb' | 'doNotDisturbUntil'>) => {
    void bridge.request('updateSettings', changes).then((result) => {
      // The native checkbox has already flipped; a refused change must flip it back.
      if (!result.ok) tray.render();
    });
  };
  const badge = new UnreadBadge({ platform, ...pieces.badge });
  const notifier = new Notifier(
    { platform, ...pieces.notifier },
    { showWindow: actions.showWindow, showChat: (who) => bridge.showChat(who) },
  );
  const loginItem = new StartAtLogin({ platform, ...pieces.loginItem });

  badge.setLanguage(initial.settings.language);
  badge.show(initial.unreadTotal);
  void loginItem.apply(initial.settings.startAtLogin);

  const unsubscribe = [
    bridge.onAttention((attention) => {
      tray.update({ unreadTotal: attention.unreadTotal, tooltip: attention.tooltip });
      badge.show(attention.unreadTotal);
    }),
    bridge.onNotify((notification) => notifier.notify(notification)),
    bridge.subscribe((event, payload) => {
      if (event !== 'settings') return;
      const settings = payload as Settings;
      tray.update(doNotDisturbOf(settings));
      badge.setLanguage(settings.language);
      void loginItem.apply(settings.startAtLogin);
    }),
  ];

  return {
    tray,
    notifier,
    windowCreated: () => badge.windowCreated(),
    dispose: () => {
      for (const stop of unsubscribe.splice(0)) stop();
      tray.destroy();
    },
  };
}

function doNotDisturbOf(settings: Settings) {
  const { doNotDisturb, doNotDisturbUntil, language } = settings;
  return { doNotDisturb, doNotDisturbUntil, language };
}
