// What a user notices when the policy decides to notify: a native notification, a flashing
// taskbar button or a dock bounce, and a click that brings back the window with that chat.
import { describe, expect, it } from 'vitest';
import { liveNotificationLimit, Notifier } from '../../../../main/electron/desktop/notifier.js';
import { fakeDesktop } from './fakes.js';

const fromAlice = { who: 7, title: 'alice', body: 'are you there?' };

function notifierOn(platform: string, options: { notificationsSupported?: boolean } = {}) {
  const { pieces, made } = fakeDesktop(platform, options);
  const shownChats: number[] = [];
  const notifier = new Notifier(
    { platform, ...pieces.notifier },
    { showWindow: () => made.window?.bringToFront(), showChat: (who) => shownChats.push(who) },
  );
  return { notifier, made, window: made.window!, shownChats };
}

describe('Notifier', () => {
  it('shows a native notification with the sender and the preview, not silent', () => {
    const { notifier, made, window } = notifierOn('linux');
    window.visible = false;
    notifier.notify(fromAlice);
    expect(made.notifications).toHaveLength(1);
    expect(made.notifications[0]!.options).toEqual({ title: 'alice', body: 'are you there?', silent: false });
    expect(made.notifications[0]!.shown).toBe(true);
  });

  it.each(['win32', 'linux'])('on %s flashes the window frame until the window gets focus', (platform) => {
    const { notifier, window, made } = notifierOn(platform);
    notifier.notify(fromAlice);
    notifier.notify({ ...fromAlice, body: 'hello?' });
    expect(window.flashing).toBe(true);
    expect(window.calls).toEqual(['flashFrame(true)']);
    window.focus();
    expect(window.flashing).toBe(false);
    expect(made.bounces).toBe(0);
  });

  it('on macOS bounces the dock once per message instead', () => {
    const { notifier, window, made } = notifierOn('darwin');
    notifier.notify(fromAlice);
    expect(made.bounces).toBe(1);
    expect(window.calls).toEqual([]);
  });

  it('a click shows and focuses the window and opens that chat', () => {
    const { notifier, made, window, shownChats } = notifierOn('win32');
    window.visible = false;
    notifier.notify(fromAlice);
    made.notifications[0]!.click();
    expect(window.calls).toEqual(['flashFrame(true)', 'show', 'focus', 'flashFrame(false)']);
    expect(window.visible && window.focused).toBe(true);
    expect(shownChats).toEqual([7]);
  });

  it('keeps notifications alive until clicked or closed, so their click still works later', () => {
    const { notifier, made, window } = notifierOn('linux');
    notifier.notify(fromAlice);
    notifier.notify({ ...fromAlice, who: 8 });
    expect(notifier.liveCount).toBe(2);
    made.notifications[0]!.click();
    made.notifications[1]!.dismiss();
    expect(notifier.liveCount).toBe(0);
    window.focused = false;
    for (let i = 0; i < liveNotificationLimit + 10; i++) notifier.notify(fromAlice);
    expect(notifier.liveCount).toBe(liveNotificationLimit);
  });

  it('shows no notification where the system has none, but still draws attention', () => {
    const { notifier, made, window } = notifierOn('linux', { notificationsSupported: false });
    notifier.notify(fromAlice);
    expect(made.notifications).toEqual([]);
    expect(window.flashing).toBe(true);
  });

  it('stays quiet while the user is looking at the window', () => {
    const { notifier, made, window } = notifierOn('win32');
    window.focused = true;
    notifier.notify(fromAlice);
    expect(made.notifications).toEqual([]);
    expect(window.calls).toEqual([]);
  });

  it('notifies while the window is closed (macOS keeps running), and a click opens it', () => {
    const { notifier, made, shownChats } = notifierOn('darwin');
    made.window = null;
    notifier.notify(fromAlice);
    expect(made.notifications).toHaveLength(1);
    expect(made.bounces).toBe(1);
    made.notifications[0]!.click();
    expect(shownChats).toEqual([7]);
  });
});
